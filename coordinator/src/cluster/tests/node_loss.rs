//! Timer logic on the hand-advanced clock, never real sleeps: a node silent past the heartbeat
//! timeout is lost, and each job it held is re-routed to the same model on another node
//! (a running one only with retries left, as attempt + 1 with its output cleared) or fails
//! `node_lost`.

use std::time::Duration;

use proto::v1::{FailureCause, JobState, NodeState, job_event};

use super::harness::{GEMMA, HEARTBEAT_TIMEOUT, Harness, QWEN};

fn three_nodes() -> Harness {
    Harness::new(&["davas", "contabo", "homelab"], &[])
}

#[tokio::test]
async fn a_node_silent_past_the_heartbeat_timeout_is_lost_and_one_silent_exactly_that_long_is_not()
{
    let mut harness = three_nodes();
    harness.ready("davas", 1, &[GEMMA]);
    harness.advance(HEARTBEAT_TIMEOUT);
    assert_eq!(harness.node("davas").state, NodeState::Ready as i32);
    harness.advance(Duration::from_millis(1));
    let davas = harness.node("davas");
    assert_eq!(davas.state, NodeState::Down as i32);
    assert!(
        davas.state_reason.contains("no heartbeat for 5 s"),
        "{}",
        davas.state_reason
    );
    assert!(
        harness.submit(GEMMA, 0).is_err(),
        "a lost node is not routable"
    );
    assert!(
        harness
            .agents
            .get_mut("davas")
            .unwrap()
            .stream
            .try_next()
            .is_none()
    );
}

#[tokio::test]
async fn a_running_job_with_retries_runs_again_for_the_same_model_elsewhere_as_the_next_attempt() {
    let mut harness = three_nodes();
    harness.ready("davas", 1, &[GEMMA]);
    harness.ready("contabo", 1, &[QWEN]);
    let submitted = harness
        .submit_spec(super::harness::generate(GEMMA, 1), true)
        .unwrap();
    assert_eq!(submitted.job.node, "davas");
    harness.ready("homelab", 1, &[GEMMA]);
    let id = submitted.job.id;
    let mut updates = submitted.updates.unwrap();
    harness.started("davas", &id);
    harness.delta("davas", &id, "half an ans");
    harness.advance(HEARTBEAT_TIMEOUT - Duration::from_secs(1));
    harness.status("homelab", &[GEMMA], true);
    harness.status("contabo", &[QWEN], true);
    harness.advance(Duration::from_millis(1_001));
    let job = harness.job(&id);
    assert_eq!(
        (job.node.as_str(), job.attempt),
        ("homelab", 2),
        "never contabo: no {GEMMA}"
    );
    assert_eq!(job.state, JobState::Queued as i32);
    assert!(
        job.output.is_empty(),
        "the new attempt starts with no output"
    );
    assert_eq!(harness.assigned("homelab").last(), Some(&id));
    let mut last_record = None;
    while let Ok(event) = updates.try_recv() {
        if let Some(job_event::Event::Job(record)) = event.event {
            last_record = Some(record);
        }
    }
    let told = last_record.unwrap();
    assert_eq!(
        (told.attempt, told.node.as_str(), told.output.as_str()),
        (2, "homelab", "")
    );
    harness.started("homelab", &id);
    harness.delta("homelab", &id, "whole answer");
    harness.completed("homelab", &id);
    let done = harness.job(&id);
    assert_eq!(
        (done.state, done.output.as_str()),
        (JobState::Succeeded as i32, "whole answer")
    );
}

#[tokio::test]
async fn a_running_job_without_retries_fails_node_lost() {
    let mut harness = three_nodes();
    harness.ready("davas", 1, &[GEMMA]);
    harness.ready("homelab", 1, &[GEMMA]);
    let id = harness.accepted(GEMMA, 0);
    harness.started("davas", &id);
    harness.detach("davas", "stream closed");
    let job = harness.job(&id);
    assert_eq!(
        (job.state, job.cause),
        (JobState::Failed as i32, FailureCause::NodeLost as i32)
    );
    assert_eq!(
        job.reason,
        "node_lost: davas: stream closed (while the job was running)"
    );
}

#[tokio::test]
async fn a_running_job_with_retries_but_no_other_node_for_its_model_fails_node_lost() {
    let mut harness = three_nodes();
    harness.ready("davas", 1, &[GEMMA]);
    harness.ready("contabo", 1, &[QWEN]);
    let id = harness.accepted(GEMMA, 3);
    harness.started("davas", &id);
    harness.detach("davas", "stream closed");
    let job = harness.job(&id);
    assert_eq!(job.cause, FailureCause::NodeLost as i32);
    assert_eq!(
        harness.node("contabo").queued + harness.node("contabo").running,
        0
    );
}

#[tokio::test]
async fn a_queued_job_moves_to_another_node_without_spending_a_retry_or_an_attempt() {
    let mut harness = three_nodes();
    harness.ready("davas", 1, &[GEMMA]);
    let running = harness.accepted(GEMMA, 0);
    let queued = harness.accepted(GEMMA, 0);
    harness.ready("homelab", 1, &[GEMMA]);
    harness.started("davas", &running);
    harness.detach("davas", "stream closed");
    let moved = harness.job(&queued);
    assert_eq!((moved.node.as_str(), moved.attempt), ("homelab", 1));
    assert_eq!(harness.assigned("homelab"), [queued]);
    assert_eq!(harness.job(&running).cause, FailureCause::NodeLost as i32);
}

#[tokio::test]
async fn each_loss_of_a_running_job_spends_one_retry_and_the_loss_after_the_last_fails_it() {
    let mut harness = three_nodes();
    harness.ready("davas", 1, &[GEMMA]);
    harness.ready("homelab", 1, &[GEMMA]);
    let id = harness.accepted(GEMMA, 1);
    harness.started("davas", &id);
    harness.detach("davas", "first loss");
    assert_eq!(harness.job(&id).node, "homelab");
    harness.ready("davas", 1, &[GEMMA]);
    harness.started("homelab", &id);
    harness.detach("homelab", "second loss");
    let job = harness.job(&id);
    assert_eq!((job.state, job.attempt), (JobState::Failed as i32, 2));
    assert!(job.reason.contains("second loss"), "{}", job.reason);
}

#[tokio::test]
async fn a_heartbeat_check_after_a_long_pause_loses_every_silent_node_at_once() {
    let mut harness = three_nodes();
    for node in ["davas", "contabo", "homelab"] {
        harness.ready(node, 1, &[GEMMA]);
    }
    harness.advance(Duration::from_secs(3));
    harness.status("homelab", &[GEMMA], true);
    harness.advance(Duration::from_secs(3));
    let states: Vec<i32> = harness.nodes().iter().map(|node| node.state).collect();
    let (down, ready) = (NodeState::Down as i32, NodeState::Ready as i32);
    assert_eq!(states, [down, down, ready]);
}
