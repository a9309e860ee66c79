//! A node whose link drops is held `disconnected` for the grace: unroutable with that reason,
//! its running jobs kept; an agent back in time resumes them (each update applied once), one
//! back too late or without them loses them. On the hand-advanced clock.

use std::time::Duration;

use proto::v1::{
    FailureCause, IneligibilityCode, JobState, NodeState, agent_job_update, coordinator_message,
    job_event,
};

use super::harness::{GEMMA, HEARTBEAT_TIMEOUT, Harness};

const GRACE: Duration = Duration::from_secs(30);

fn davas_and_contabo() -> Harness {
    Harness::new(&["contabo", "davas"], &[(GEMMA, &["davas", "contabo"])]).with_grace(GRACE)
}

fn delta(text: &str) -> agent_job_update::Event {
    agent_job_update::Event::Delta(text.to_owned())
}

fn state(harness: &mut Harness, id: &str) -> JobState {
    JobState::try_from(harness.job(id).state).unwrap()
}

/// Davas alone runs gemma; one job started with "Hel" applied (seq 1: started, 2: "Hel").
fn davas_running_a_job() -> (Harness, String) {
    let mut harness = davas_and_contabo();
    harness.ready("davas", 1, &[GEMMA]);
    let id = harness.accepted(GEMMA, 0);
    harness.update_numbered(
        "davas",
        &id,
        1,
        agent_job_update::Event::Started(Default::default()),
    );
    harness.update_numbered("davas", &id, 2, delta("Hel"));
    (harness, id)
}

#[tokio::test]
async fn a_silent_node_is_disconnected_unroutable_with_the_reason_and_keeps_its_running_job() {
    let (mut harness, id) = davas_running_a_job();
    harness.advance(HEARTBEAT_TIMEOUT + Duration::from_millis(1));
    let davas = harness.node("davas");
    assert_eq!(davas.state, NodeState::Disconnected as i32);
    for words in [
        "agent disconnected since",
        "no heartbeat for 5 s",
        "held until",
    ] {
        assert!(davas.state_reason.contains(words), "{}", davas.state_reason);
    }
    assert_eq!(state(&mut harness, &id), JobState::Running);
    let Err(rejected) = harness.submit(GEMMA, 0) else {
        panic!("a disconnected node took a job");
    };
    let davas_reason = rejected
        .reasons
        .iter()
        .find(|reason| reason.node == "davas")
        .unwrap();
    assert_eq!(
        davas_reason.code,
        IneligibilityCode::AgentDisconnected as i32
    );
    assert!(
        davas_reason.reason.contains("disconnected"),
        "{}",
        davas_reason.reason
    );
    // Still within the grace.
    harness.advance(GRACE - Duration::from_secs(1));
    assert_eq!(state(&mut harness, &id), JobState::Running);
}

#[tokio::test]
async fn an_agent_back_within_the_grace_resumes_its_job_and_each_update_counts_once() {
    let (mut harness, id) = davas_running_a_job();
    let mut watch = harness.watch(&id).unwrap().updates.unwrap();
    harness.advance(HEARTBEAT_TIMEOUT + Duration::from_secs(3));
    let welcome = harness.attach_holding("davas", 1, &[(&id, 4)]);
    assert_eq!(welcome.resume.len(), 1);
    assert_eq!(
        (
            welcome.resume[0].job_id.as_str(),
            welcome.resume[0].applied_seq
        ),
        (id.as_str(), 2)
    );
    assert!(
        harness
            .sent("davas")
            .iter()
            .all(|kind| matches!(kind, coordinator_message::Kind::Welcome(_))),
        "nothing is assigned again"
    );
    harness.status("davas", &[GEMMA], true);
    assert_eq!(harness.node("davas").state, NodeState::Ready as i32);
    // The agent resends from 3; a duplicate of 2 arriving late changes nothing.
    harness.update_numbered("davas", &id, 2, delta("Hel"));
    harness.update_numbered("davas", &id, 3, delta("lo"));
    harness.update_numbered("davas", &id, 3, delta("lo"));
    harness.update_numbered("davas", &id, 4, delta("!"));
    harness.update_numbered(
        "davas",
        &id,
        5,
        agent_job_update::Event::Completed(Default::default()),
    );
    let job = harness.job(&id);
    assert_eq!(job.state, JobState::Succeeded as i32);
    assert_eq!((job.output.as_str(), job.attempt), ("Hello!", 1));
    let mut streamed = String::new();
    while let Ok(event) = watch.try_recv() {
        if let Some(job_event::Event::Delta(text)) = event.event {
            streamed.push_str(&text);
        }
    }
    assert_eq!(streamed, "lo!", "the watcher hears each later token once");
}

#[tokio::test]
async fn past_the_grace_the_node_is_lost_and_its_job_fails_or_retries_on_the_same_model() {
    let mut harness = davas_and_contabo();
    harness.ready("davas", 2, &[GEMMA]);
    let no_retry = harness.accepted(GEMMA, 0);
    let retried = harness.accepted(GEMMA, 1);
    for id in [&no_retry, &retried] {
        harness.started("davas", id);
    }
    harness.advance(HEARTBEAT_TIMEOUT + Duration::from_millis(1));
    harness.advance(GRACE - Duration::from_secs(1));
    assert_eq!(state(&mut harness, &no_retry), JobState::Running);
    harness.ready("contabo", 1, &[GEMMA]);
    harness.advance(Duration::from_secs(1));
    let davas = harness.node("davas");
    assert_eq!(davas.state, NodeState::Down as i32);
    assert!(
        davas
            .state_reason
            .contains("not back within disconnect_grace (30 s)"),
        "{}",
        davas.state_reason
    );
    let failed = harness.job(&no_retry);
    assert_eq!(
        (failed.state, failed.cause),
        (JobState::Failed as i32, FailureCause::NodeLost as i32)
    );
    assert!(
        failed
            .reason
            .starts_with("node_lost: davas: no heartbeat for 5 s; not back within"),
        "{}",
        failed.reason
    );
    let again = harness.job(&retried);
    assert_eq!(
        (again.node.as_str(), again.attempt, again.state),
        ("contabo", 2, JobState::Queued as i32)
    );
    assert_eq!(again.spec.unwrap().model, GEMMA);
}

#[tokio::test]
async fn an_agent_back_without_its_jobs_loses_the_started_one_and_runs_the_unstarted_one_again() {
    let mut harness = davas_and_contabo();
    harness.ready("davas", 2, &[GEMMA]);
    let started = harness.accepted(GEMMA, 0);
    harness.started("davas", &started);
    // Assigned just before the cut: the agent never got it.
    let unstarted = harness.accepted(GEMMA, 0);
    harness.sent("davas");
    harness.advance(HEARTBEAT_TIMEOUT + Duration::from_millis(1));
    // The agent restarted: it holds nothing.
    let welcome = harness.attach_holding("davas", 2, &[]);
    assert!(welcome.resume.is_empty());
    let lost = harness.job(&started);
    assert_eq!(lost.cause, FailureCause::NodeLost as i32);
    assert!(
        lost.reason
            .contains("its agent came back without the job (while the job was running)"),
        "{}",
        lost.reason
    );
    let placed = harness.job(&unstarted);
    assert_eq!(
        (placed.state, placed.attempt, placed.node.as_str()),
        (JobState::Queued as i32, 1, "davas")
    );
    assert_eq!(harness.assigned("davas"), [unstarted]);
}

#[tokio::test]
async fn an_agent_back_with_fewer_slots_than_jobs_held_resumes_only_as_many() {
    let mut harness = davas_and_contabo();
    harness.ready("davas", 2, &[GEMMA]);
    let first = harness.accepted(GEMMA, 0);
    harness.started("davas", &first);
    let second = harness.accepted(GEMMA, 0);
    harness.started("davas", &second);
    harness.advance(HEARTBEAT_TIMEOUT + Duration::from_millis(1));
    let welcome = harness.attach_holding("davas", 1, &[(&first, 1), (&second, 1)]);
    let resumed: Vec<&str> = welcome
        .resume
        .iter()
        .map(|job| job.job_id.as_str())
        .collect();
    assert_eq!(resumed, [first.as_str()]);
    assert_eq!(harness.node("davas").running, 1);
    let over = harness.job(&second);
    assert_eq!(over.cause, FailureCause::NodeLost as i32);
    assert!(
        over.reason.contains("its agent came back with fewer slots"),
        "{}",
        over.reason
    );
}

#[tokio::test]
async fn a_job_cancelled_while_its_node_is_away_is_not_resumed() {
    let (mut harness, id) = davas_running_a_job();
    harness.advance(HEARTBEAT_TIMEOUT + Duration::from_millis(1));
    let cancelled = harness.cancel(&id).unwrap();
    assert_eq!(cancelled.state, JobState::Cancelled as i32);
    let welcome = harness.attach_holding("davas", 1, &[(&id, 3)]);
    assert!(
        welcome.resume.is_empty(),
        "the agent aborts what is not resumed"
    );
    harness.status("davas", &[GEMMA], true);
    assert_eq!(harness.node("davas").running, 0);
}

#[tokio::test]
async fn a_queued_job_moves_to_another_node_or_waits_for_its_node_to_return() {
    let mut harness = Harness::new(
        &["contabo", "davas"],
        &[(GEMMA, &["davas"]), ("qwen2.5:14b", &["davas", "contabo"])],
    )
    .with_grace(GRACE);
    harness.ready("davas", 1, &[GEMMA, "qwen2.5:14b"]);
    let running = harness.accepted(GEMMA, 0);
    harness.started("davas", &running);
    let waiting_gemma = harness.accepted(GEMMA, 0);
    let waiting_qwen = harness.accepted("qwen2.5:14b", 0);
    harness.ready("contabo", 1, &["qwen2.5:14b"]);
    harness.advance(HEARTBEAT_TIMEOUT - Duration::from_secs(1));
    harness.status("contabo", &["qwen2.5:14b"], true);
    harness.advance(Duration::from_secs(1) + Duration::from_millis(1));
    assert_eq!(harness.node("davas").state, NodeState::Disconnected as i32);
    assert_eq!(harness.job(&waiting_qwen).node, "contabo");
    assert_eq!(harness.job(&waiting_gemma).node, "davas");
    harness.attach_holding("davas", 1, &[(&running, 1)]);
    harness.completed("davas", &running);
    assert_eq!(harness.assigned("davas"), [waiting_gemma]);
}

#[tokio::test]
async fn a_goodbye_loses_the_node_at_once_and_a_zero_grace_keeps_the_old_behaviour() {
    let (mut harness, id) = davas_running_a_job();
    let connection_id = harness.connection_id("davas");
    harness.send(crate::cluster::ClusterEvent::AgentDetached {
        node: "davas".into(),
        connection_id,
        reason: "the agent closed its connection".into(),
        goodbye: true,
    });
    assert_eq!(harness.node("davas").state, NodeState::Down as i32);
    assert_eq!(harness.job(&id).cause, FailureCause::NodeLost as i32);

    let mut harness = davas_and_contabo().with_grace(Duration::ZERO);
    harness.ready("davas", 1, &[GEMMA]);
    let id = harness.accepted(GEMMA, 0);
    harness.started("davas", &id);
    harness.detach("davas", "connection to the agent lost");
    assert_eq!(harness.node("davas").state, NodeState::Down as i32);
    assert_eq!(harness.job(&id).cause, FailureCause::NodeLost as i32);
}
