//! Tests of jobs on the link: cancel, a lost link, and shutdown while a job runs.

use std::time::Duration;

use proto::v1::agent_job_update::Event;
use proto::v1::coordinator_message::Kind;
use proto::v1::{CancelJobOnNode, JobFailedOnNode};

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
async fn a_lost_link_aborts_running_jobs_and_the_agent_reattaches() {
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
    ollama.wait_for_hang_up().await;
    let mut again = coordinator.next_agent().await;
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
