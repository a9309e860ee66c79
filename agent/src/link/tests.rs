//! Tests of the link against a stand-in coordinator (a real tonic server) and a stand-in
//! Ollama. This file: hello and welcome, statuses and heartbeats; `attaching`: refusals and
//! reconnection; `jobs`: cancel, loss and shutdown while a job runs.

mod attaching;
mod jobs;

use std::time::Duration;

use proto::v1::agent_job_update::Event;
use proto::v1::coordinator_message::Kind;
use proto::v1::{AgentHello, AssignJob, ChatMessage, JobKind, JobSpec};
use settings::Secret;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use crate::test_support::fake_coordinator::{AttachedAgent, NODE, TOKEN};
use crate::test_support::{FakeCoordinator, FakeOllama};
use crate::{AgentError, Config};

struct RunningAgent {
    shutdown: CancellationToken,
    task: JoinHandle<Result<(), AgentError>>,
}

fn start_agent(
    coordinator: &FakeCoordinator,
    ollama: &FakeOllama,
    token: &str,
    probe_interval: Duration,
) -> RunningAgent {
    let mut config = Config::for_dev(NODE, &coordinator.url, &ollama.url, Secret::new(token));
    config.probe_interval = probe_interval;
    let shutdown = CancellationToken::new();
    let task = tokio::spawn(crate::run(config, shutdown.clone()));
    RunningAgent { shutdown, task }
}

fn assign(job_id: &str) -> Kind {
    Kind::Assign(AssignJob {
        job_id: job_id.to_owned(),
        spec: Some(JobSpec {
            kind: JobKind::Chat as i32,
            model: "qwen2.5:14b".to_owned(),
            messages: vec![ChatMessage {
                role: "user".to_owned(),
                content: "hi".to_owned(),
            }],
            ..JobSpec::default()
        }),
        ..AssignJob::default()
    })
}

/// Waits for the first status that shows Ollama answering.
async fn wait_until_ollama_answers(agent: &mut AttachedAgent) {
    while !agent.next_status().await.ollama_reachable {}
}
#[tokio::test]
async fn hello_welcome_status_and_a_job_flow_over_the_link() {
    let (coordinator, ollama) = (
        FakeCoordinator::start(60_000).await,
        FakeOllama::start(&["qwen2.5:14b"]).await,
    );
    let running = start_agent(&coordinator, &ollama, TOKEN, Duration::from_millis(100));
    let mut agent = coordinator.next_agent().await;
    let AgentHello {
        node,
        agent_version,
        host,
        max_parallel,
        queue_capacity,
        backend,
        held_jobs,
    } = agent.hello.clone();
    assert!(held_jobs.is_empty());
    assert_eq!(backend, "ollama");
    assert_eq!((node.as_str(), max_parallel, queue_capacity), (NODE, 1, 0));
    assert_eq!(agent_version, env!("CARGO_PKG_VERSION"));
    assert!(host.unwrap().memory_total_bytes > 0);
    assert_eq!(
        agent.next_status().await.sequence,
        1,
        "a status must follow the welcome at once"
    );
    let status = loop {
        let status = agent.next_status().await;
        if status.ollama_reachable {
            break status;
        }
    };
    assert_eq!(status.installed[0].name, "qwen2.5:14b");
    assert_eq!(status.ollama_version, "0.12.3");

    agent.send(assign("job-1")).await;
    let mut events = Vec::new();
    while events.len() < 4 {
        events.push(agent.next_job_update().await.event.unwrap());
    }
    assert!(matches!(events[0], Event::Started(_)));
    assert_eq!(
        events[1..3],
        [
            Event::Delta("Hel".to_owned()),
            Event::Delta("lo".to_owned())
        ]
    );
    let Event::Completed(completed) = &events[3] else {
        panic!("expected completed, got {:?}", events[3])
    };
    assert_eq!(completed.model, "qwen2.5:14b");

    running.shutdown.cancel();
    let stopped = tokio::time::timeout(Duration::from_secs(5), running.task).await;
    assert!(
        stopped
            .expect("the agent did not stop within 5 s")
            .unwrap()
            .is_ok()
    );
}

#[tokio::test]
async fn a_health_change_is_sent_at_once_and_an_unchanged_one_not_at_all() {
    let (coordinator, ollama) = (
        FakeCoordinator::start(60_000).await,
        FakeOllama::start(&["qwen2.5:14b"]).await,
    );
    let _running = start_agent(&coordinator, &ollama, TOKEN, Duration::from_millis(50));
    let mut agent = coordinator.next_agent().await;
    wait_until_ollama_answers(&mut agent).await;
    let quiet = tokio::time::timeout(Duration::from_millis(600), agent.inbound.message()).await;
    assert!(
        quiet.is_err(),
        "an unchanged probe woke the link: {quiet:?}"
    );

    ollama.state.loaded.lock().unwrap().push("qwen2.5:14b");
    let started = std::time::Instant::now();
    let status = agent.next_status().await;
    assert_eq!(status.loaded[0].name, "qwen2.5:14b");
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "took {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn statuses_keep_coming_at_the_heartbeat_interval() {
    let (coordinator, ollama) = (
        FakeCoordinator::start(100).await,
        FakeOllama::start(&[]).await,
    );
    let _running = start_agent(&coordinator, &ollama, TOKEN, Duration::from_secs(60));
    let mut agent = coordinator.next_agent().await;
    wait_until_ollama_answers(&mut agent).await;
    let started = std::time::Instant::now();
    let first = agent.next_status().await.sequence;
    for expected in first + 1..first + 5 {
        assert_eq!(agent.next_status().await.sequence, expected);
    }
    let elapsed = started.elapsed();
    assert!(
        elapsed >= Duration::from_millis(350) && elapsed < Duration::from_millis(1500),
        "{elapsed:?}"
    );
}

#[tokio::test]
async fn statuses_list_the_models_once_unless_the_coordinator_is_older() {
    for keeps_unchanged in [true, false] {
        let (coordinator, ollama) = (
            FakeCoordinator::start(100).await,
            FakeOllama::start(&["qwen2.5:14b"]).await,
        );
        coordinator
            .keeps_unchanged_installed
            .store(keeps_unchanged, std::sync::atomic::Ordering::SeqCst);
        let running = start_agent(&coordinator, &ollama, TOKEN, Duration::from_millis(50));
        let mut agent = coordinator.next_agent().await;
        let mut status = agent.next_status().await;
        while !status.ollama_reachable {
            status = agent.next_status().await;
        }
        assert_eq!(
            status.installed.len(),
            1,
            "the first reachable status lists it"
        );
        for _ in 0..3 {
            let later = agent.next_status().await;
            assert_eq!(later.installed_unchanged, keeps_unchanged);
            assert_eq!(later.installed.len(), usize::from(!keeps_unchanged));
        }
        running.shutdown.cancel();
    }
}
