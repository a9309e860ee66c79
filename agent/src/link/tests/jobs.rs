//! Tests of jobs on the link: cancel, a flap (the job resumed, or aborted when the coordinator
//! does not resume it), and shutdown while a job runs.

use std::sync::atomic::Ordering;
use std::time::Duration;

use proto::v1::agent_job_update::Event;
use proto::v1::coordinator_message::Kind;
use proto::v1::{CancelJobOnNode, JobFailedOnNode, ResumedJob};

use super::{assign, start_agent};
use crate::test_support::fake_coordinator::TOKEN;
use crate::test_support::{FakeCoordinator, FakeOllama, Script};

#[tokio::test]
async fn cancel_aborts_the_job_and_reports_cancelled() {
    let (coordinator, ollama) = (
        FakeCoordinator::start(60_000).await,
        FakeOllama::start(&["qwen2.5:14b"]).await,
    );
    ollama.set_script(Script::Endless);
    let _running = start_agent(&coordinator, &ollama, TOKEN, Duration::from_secs(1));
    let mut agent = coordinator.next_agent().await;
    agent.send(assign("job-1")).await;
    assert!(matches!(
        agent.next_job_update().await.event,
        Some(Event::Started(_))
    ));
    assert!(matches!(
        agent.next_job_update().await.event,
        Some(Event::Delta(_))
    ));
    agent
        .send(Kind::Cancel(CancelJobOnNode {
            job_id: "job-1".to_owned(),
        }))
        .await;
    let cancelled = JobFailedOnNode {
        message: "cancelled".to_owned(),
        cancelled: true,
        ..JobFailedOnNode::default()
    };
    loop {
        match agent.next_job_update().await.event {
            Some(Event::Delta(_)) => continue,
            event => break assert_eq!(event, Some(Event::Failed(cancelled))),
        }
    }
    ollama.wait_for_hang_up().await;
}

#[tokio::test]
async fn a_job_runs_on_through_a_lost_link_and_resends_only_what_the_coordinator_missed() {
    let (coordinator, ollama) = (
        FakeCoordinator::start(60_000).await,
        FakeOllama::start(&["qwen2.5:14b"]).await,
    );
    ollama.set_script(Script::Counted(40));
    let _running = start_agent(&coordinator, &ollama, TOKEN, Duration::from_secs(1));
    let mut agent = coordinator.next_agent().await;
    agent.send(assign("job-1")).await;
    // The coordinator applies the start and three tokens, then the link drops.
    let mut applied = Vec::new();
    while applied.len() < 4 {
        applied.push(agent.next_job_update().await);
    }
    let applied_seq = applied.last().unwrap().seq;
    assert_eq!(
        applied.iter().map(|update| update.seq).collect::<Vec<_>>(),
        vec![1, 2, 3, 4],
        "updates are numbered per job from 1"
    );
    coordinator.resume.lock().unwrap().push(ResumedJob {
        job_id: "job-1".to_owned(),
        applied_seq,
    });
    drop(agent);
    // The job goes on meanwhile; the next link's hello names it.
    let mut again = coordinator.next_agent().await;
    assert_eq!(again.hello.held_jobs.len(), 1);
    assert_eq!(again.hello.held_jobs[0].job_id, "job-1");
    assert!(again.hello.held_jobs[0].last_seq >= applied_seq);
    let mut text: String = applied
        .iter()
        .filter_map(|update| match &update.event {
            Some(Event::Delta(token)) => Some(token.clone()),
            _ => None,
        })
        .collect();
    let mut next_seq = applied_seq + 1;
    loop {
        let update = again.next_job_update().await;
        assert_eq!(update.seq, next_seq, "resent in order, none twice");
        next_seq += 1;
        match update.event {
            Some(Event::Delta(token)) => text.push_str(&token),
            Some(Event::Completed(_)) => break,
            other => panic!("unexpected update {other:?}"),
        }
    }
    let expected: String = (0..40).map(|index| format!("{index} ")).collect();
    assert_eq!(text, expected, "every token, in order, once");
    assert_eq!(ollama.state.hang_ups.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn a_job_the_coordinator_does_not_resume_is_aborted_when_the_link_returns() {
    let (coordinator, ollama) = (
        FakeCoordinator::start(60_000).await,
        FakeOllama::start(&["qwen2.5:14b"]).await,
    );
    ollama.set_script(Script::Endless);
    let _running = start_agent(&coordinator, &ollama, TOKEN, Duration::from_secs(1));
    let mut agent = coordinator.next_agent().await;
    agent.send(assign("job-1")).await;
    agent.next_job_update().await;
    agent.next_job_update().await;
    drop(agent);
    // Welcomed without it: the coordinator ended the job or ran it elsewhere meanwhile.
    let mut again = coordinator.next_agent().await;
    assert_eq!(again.hello.held_jobs.len(), 1);
    ollama.wait_for_hang_up().await;
    assert_eq!(again.next_status().await.sequence, 1);
}

#[tokio::test]
async fn shutdown_fails_running_jobs_before_it_closes_the_link() {
    let (coordinator, ollama) = (
        FakeCoordinator::start(60_000).await,
        FakeOllama::start(&["qwen2.5:14b"]).await,
    );
    ollama.set_script(Script::Endless);
    let running = start_agent(&coordinator, &ollama, TOKEN, Duration::from_secs(1));
    let mut agent = coordinator.next_agent().await;
    agent.send(assign("job-1")).await;
    agent.next_job_update().await;
    running.shutdown.cancel();
    loop {
        match agent.next_job_update().await.event {
            Some(Event::Delta(_)) => continue,
            event => {
                break assert_eq!(
                    event,
                    Some(Event::Failed(JobFailedOnNode {
                        message: "agent shutting down".to_owned(),
                        cancelled: false,
                        ..JobFailedOnNode::default()
                    }))
                );
            }
        }
    }
    drop(agent);
    let stopped = tokio::time::timeout(Duration::from_secs(5), running.task).await;
    assert!(
        stopped
            .expect("the agent did not stop within 5 s")
            .unwrap()
            .is_ok()
    );
}
