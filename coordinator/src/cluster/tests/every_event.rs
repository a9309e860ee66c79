//! Every `ClusterEvent` variant, each sent straight to the loop's handler and followed by the
//! whole-state check (`Harness::send`): agents attaching, reporting and leaving, and callers
//! submitting, watching, getting, cancelling, draining and listing.

use std::time::Duration;

use proto::v1::{
    AgentHello, FailureCause, IneligibilityCode, JobState, NodeState, agent_message,
    coordinator_message, job_event,
};

use super::harness::{GEMMA, HEARTBEAT_TIMEOUT, Harness, QUEUE_CAPACITY, QWEN, START_MS};
use crate::cluster::{HEARTBEAT_INTERVAL_MS, JobError};

fn two_nodes() -> Harness {
    Harness::new(&["contabo", "davas"], &[(GEMMA, &["davas", "contabo"])])
}

fn state(harness: &mut Harness, id: &str) -> JobState {
    JobState::try_from(harness.job(id).state).unwrap()
}

#[tokio::test]
async fn an_attached_agent_is_welcomed_first_and_is_routable_once_its_status_says_ollama_answers() {
    let mut harness = two_nodes();
    assert_eq!(harness.node("davas").state, NodeState::Down as i32);
    let welcome = harness.attach("davas", 2);
    assert_eq!(welcome.heartbeat_interval_ms, HEARTBEAT_INTERVAL_MS);
    let sent = harness.sent("davas");
    assert!(matches!(
        sent.as_slice(),
        [coordinator_message::Kind::Welcome(_)]
    ));
    // Connected but no status yet: not routable.
    assert!(harness.submit(GEMMA, 0).is_err());
    harness.status("davas", &[GEMMA], false);
    assert_eq!(harness.node("davas").state, NodeState::OllamaDown as i32);
    harness.status("davas", &[GEMMA], true);
    let davas = harness.node("davas");
    assert_eq!(davas.state, NodeState::Ready as i32);
    assert_eq!((davas.max_parallel, davas.last_seen_ms), (2, START_MS));
    let id = harness.accepted(GEMMA, 0);
    assert_eq!(harness.assigned("davas"), [id]);
}

#[tokio::test]
async fn a_second_attach_of_a_node_replaces_its_link_and_ends_what_the_old_link_held() {
    let mut harness = two_nodes();
    harness.ready("davas", 1, &[GEMMA]);
    let old_connection = harness.connection_id("davas");
    let running = harness.accepted(GEMMA, 0);
    harness.started("davas", &running);
    harness.attach("davas", 1);
    let ended = harness.job(&running);
    assert_eq!(ended.cause, FailureCause::NodeLost as i32);
    assert!(
        ended.reason.contains("came back without the job"),
        "{}",
        ended.reason
    );
    // The old stream's messages are ignored from now on.
    harness.send(crate::cluster::ClusterEvent::AgentMessage {
        node: "davas".into(),
        connection_id: old_connection,
        message: agent_message::Kind::Status(Default::default()),
    });
    // The empty status from the old stream did not replace the last one.
    let davas = harness.node("davas");
    assert_eq!(davas.installed.len(), 1);
    assert_eq!(davas.state, NodeState::Ready as i32);
}

#[tokio::test]
async fn a_status_keeps_a_node_alive_and_a_second_hello_is_ignored() {
    let mut harness = two_nodes();
    harness.ready("davas", 1, &[GEMMA]);
    harness.advance(HEARTBEAT_TIMEOUT - Duration::from_secs(1));
    harness.status("davas", &[GEMMA], true);
    harness.message("davas", agent_message::Kind::Hello(AgentHello::default()));
    harness.advance(HEARTBEAT_TIMEOUT - Duration::from_secs(1));
    let davas = harness.node("davas");
    assert_eq!(davas.state, NodeState::Ready as i32);
    assert_eq!(davas.last_seen_ms, START_MS + 4_000);
}

#[tokio::test]
async fn a_submit_goes_to_the_least_loaded_eligible_node_and_is_assigned_down_its_stream() {
    let mut harness = two_nodes();
    harness.ready("davas", 1, &[GEMMA]);
    harness.ready("contabo", 1, &[GEMMA]);
    let first = harness.submit(GEMMA, 0).unwrap();
    assert_eq!(first.job.node, "davas", "ties go to the route's order");
    assert_eq!(
        (first.job.state, first.job.attempt),
        (JobState::Queued as i32, 1)
    );
    let second = harness.accepted(GEMMA, 0);
    assert_eq!(harness.job(&second).node, "contabo");
    let sent = harness.sent("davas");
    let [coordinator_message::Kind::Assign(assign)] = sent.as_slice() else {
        panic!("expected one assignment, got {sent:?}");
    };
    assert_eq!(assign.job_id, first.job.id);
    assert_eq!(assign.spec.as_ref().unwrap().model, GEMMA);
}

#[tokio::test]
async fn a_submit_no_node_can_run_is_rejected_with_every_nodes_reason_and_recorded() {
    let mut harness = two_nodes();
    harness.ready("davas", 1, &[QWEN]);
    let rejected = harness.submit(GEMMA, 0).err().unwrap();
    let codes: Vec<(String, i32)> = rejected
        .reasons
        .iter()
        .map(|reason| (reason.node.clone(), reason.code))
        .collect();
    assert_eq!(
        codes,
        [
            ("davas".into(), IneligibilityCode::ModelNotInstalled as i32),
            ("contabo".into(), IneligibilityCode::NeverSeen as i32),
        ]
    );
    assert!(!rejected.transient, "a missing model is not worth retrying");
    let record = harness.job(&rejected.job.id);
    assert_eq!(record.state, JobState::Rejected as i32);
    assert_eq!(record.cause, FailureCause::Rejected as i32);
    assert!(harness.ledger.ended(&rejected.job.id).is_some());
}

#[tokio::test]
async fn jobs_past_the_free_slots_queue_until_the_queue_is_full_then_are_rejected_as_transient() {
    let mut harness = Harness::new(&["davas"], &[]);
    harness.ready("davas", 1, &[GEMMA]);
    let running = harness.accepted(GEMMA, 0);
    let queued: Vec<String> = (0..QUEUE_CAPACITY)
        .map(|_| harness.accepted(GEMMA, 0))
        .collect();
    assert_eq!(harness.assigned("davas"), std::slice::from_ref(&running));
    assert_eq!(harness.node("davas").queued, QUEUE_CAPACITY as u32);
    let full = harness.submit(GEMMA, 0).err().unwrap();
    assert!(full.transient);
    assert_eq!(full.reasons[0].code, IneligibilityCode::QueueFull as i32);
    harness.started("davas", &running);
    harness.completed("davas", &running);
    assert_eq!(
        harness.assigned("davas"),
        [queued[0].clone()],
        "the queue's head starts"
    );
}

#[tokio::test]
async fn submit_and_watch_hears_every_event_of_the_job_in_order_and_then_the_end() {
    let mut harness = two_nodes();
    harness.ready("davas", 1, &[GEMMA]);
    let submitted = harness
        .submit_spec(super::harness::generate(GEMMA, 0), true)
        .unwrap();
    let mut updates = submitted.updates.unwrap();
    let id = submitted.job.id;
    harness.started("davas", &id);
    harness.delta("davas", &id, "Rayleigh ");
    harness.delta("davas", &id, "scattering");
    harness.completed("davas", &id);
    let mut seen = Vec::new();
    for event in super::spend::heard_until_the_end(&mut updates).await {
        seen.push(match event.event.unwrap() {
            job_event::Event::Job(job) => format!("job {}", job.state),
            job_event::Event::Delta(text) => format!("delta {text}"),
        });
    }
    let running = JobState::Running as i32;
    let succeeded = JobState::Succeeded as i32;
    assert_eq!(
        seen,
        [
            format!("job {running}"),
            "delta Rayleigh ".into(),
            "delta scattering".into(),
            format!("job {succeeded}")
        ]
    );
    assert!(updates.try_recv().is_err(), "the stream ends with the job");
}

#[tokio::test]
async fn agent_updates_take_a_job_to_succeeded_with_its_output_and_times_from_the_clock() {
    let mut harness = two_nodes();
    harness.ready("davas", 1, &[GEMMA]);
    let id = harness.accepted(GEMMA, 0);
    harness.clock.advance(Duration::from_millis(300));
    harness.started("davas", &id);
    assert_eq!(state(&mut harness, &id), JobState::Running);
    harness.clock.advance(Duration::from_millis(200));
    harness.delta("davas", &id, "blue");
    harness.clock.advance(Duration::from_millis(500));
    harness.completed("davas", &id);
    let job = harness.job(&id);
    assert_eq!(job.state, JobState::Succeeded as i32);
    assert_eq!(
        (job.output.as_str(), job.served_model.as_str()),
        ("blue", GEMMA)
    );
    assert_eq!(
        (job.started_at_ms, job.finished_at_ms),
        (START_MS + 300, START_MS + 1_000)
    );
    let timings = job.timings.unwrap();
    assert_eq!(timings.queued_ms, Some(300));
    assert_eq!(timings.time_to_first_token_ms, Some(500));
    assert_eq!(timings.total_ms, Some(1_000));
    assert_eq!(harness.node("davas").running, 0, "the slot is free");
}

#[tokio::test]
async fn a_failed_update_ends_the_job_failed_with_ollama_error_and_frees_the_slot() {
    let mut harness = two_nodes();
    harness.ready("davas", 1, &[GEMMA]);
    let id = harness.accepted(GEMMA, 0);
    let next = harness.accepted(GEMMA, 0);
    harness.started("davas", &id);
    harness.failed("davas", &id, "model requires more system memory");
    let job = harness.job(&id);
    assert_eq!(
        (job.state, job.cause),
        (JobState::Failed as i32, FailureCause::OllamaError as i32)
    );
    assert_eq!(
        job.reason,
        "ollama_error: model requires more system memory"
    );
    assert_eq!(harness.assigned("davas"), [id, next]);
}

#[tokio::test]
async fn an_update_about_a_job_another_node_owns_is_cancelled_on_the_sender_and_changes_nothing() {
    let mut harness = two_nodes();
    harness.ready("davas", 1, &[GEMMA]);
    harness.ready("contabo", 1, &[GEMMA]);
    let id = harness.accepted(GEMMA, 0);
    harness.delta("contabo", &id, "stray");
    let sent = harness.sent("contabo");
    assert!(
        matches!(sent.as_slice(), [coordinator_message::Kind::Cancel(cancel)] if cancel.job_id == id),
        "{sent:?}"
    );
    harness.completed("contabo", &id);
    harness.delta("davas", "01UNKNOWN", "?");
    assert_eq!(state(&mut harness, &id), JobState::Queued);
    assert!(harness.job(&id).output.is_empty());
}

#[tokio::test]
async fn a_detached_agent_fails_its_jobs_node_lost_and_a_detach_of_an_old_stream_is_ignored() {
    let mut harness = Harness::new(&["davas"], &[]);
    harness.ready("davas", 1, &[GEMMA]);
    let running = harness.accepted(GEMMA, 0);
    let queued = harness.accepted(GEMMA, 0);
    harness.started("davas", &running);
    harness.send(crate::cluster::ClusterEvent::AgentDetached {
        node: "davas".into(),
        connection_id: 999,
        reason: "an older stream closed".into(),
        goodbye: false,
    });
    assert_eq!(state(&mut harness, &running), JobState::Running);
    harness.detach("davas", "stream closed");
    for id in [&running, &queued] {
        let job = harness.job(id);
        assert_eq!(
            (job.state, job.cause),
            (JobState::Failed as i32, FailureCause::NodeLost as i32)
        );
        assert!(
            job.reason.starts_with("node_lost: davas: stream closed"),
            "{}",
            job.reason
        );
    }
    let davas = harness.node("davas");
    assert_eq!(davas.state, NodeState::Down as i32);
    assert!(
        davas.state_reason.contains("stream closed"),
        "{}",
        davas.state_reason
    );
    assert_eq!((davas.running, davas.queued), (0, 0));
}

#[tokio::test]
async fn watching_an_active_job_streams_what_comes_next_and_an_ended_one_gives_its_record() {
    let mut harness = two_nodes();
    harness.ready("davas", 1, &[GEMMA]);
    let id = harness.accepted(GEMMA, 0);
    harness.started("davas", &id);
    harness.delta("davas", &id, "early ");
    let watch = harness.watch(&id).unwrap();
    assert_eq!(
        watch.snapshot.output, "early ",
        "the snapshot carries the output so far"
    );
    let mut updates = watch.updates.unwrap();
    harness.delta("davas", &id, "late");
    harness.completed("davas", &id);
    let first = updates.try_recv().unwrap().event;
    assert_eq!(first, Some(job_event::Event::Delta("late".into())));
    let ended = harness.watch(&id).unwrap();
    assert!(ended.updates.is_none());
    assert_eq!(ended.snapshot.output, "early late");
    assert!(matches!(
        harness.watch("01NOPE"),
        Err(JobError::NotFound(_))
    ));
}

#[tokio::test]
async fn get_answers_for_active_recent_and_stored_jobs_and_names_an_unknown_one() {
    let mut harness = two_nodes();
    harness.ready("davas", 1, &[GEMMA]);
    let id = harness.accepted(GEMMA, 0);
    assert_eq!(harness.job(&id).node, "davas");
    let older = proto::v1::Job {
        id: "01OLDER".into(),
        state: JobState::Succeeded as i32,
        ..Default::default()
    };
    harness.store.put_all(std::slice::from_ref(&older)).unwrap();
    assert_eq!(harness.get("01OLDER").unwrap(), older);
    let missing = harness.get("01MISSING").unwrap_err();
    assert_eq!(missing, JobError::NotFound("01MISSING".into()));
    assert!(missing.to_string().contains("runner jobs"));
}

#[tokio::test]
async fn cancelling_a_running_job_tells_its_agent_and_keeps_the_slot_until_the_agent_stops() {
    let mut harness = Harness::new(&["davas"], &[]);
    harness.ready("davas", 1, &[GEMMA]);
    let id = harness.accepted(GEMMA, 0);
    let waiting = harness.accepted(GEMMA, 0);
    harness.started("davas", &id);
    harness.sent("davas");
    let cancelled = harness.cancel(&id).unwrap();
    assert_eq!(
        (cancelled.state, cancelled.cause),
        (JobState::Cancelled as i32, FailureCause::Cancelled as i32)
    );
    let sent = harness.sent("davas");
    assert!(
        matches!(sent.as_slice(), [coordinator_message::Kind::Cancel(_)]),
        "{sent:?}"
    );
    assert_eq!(
        harness.node("davas").running,
        1,
        "the agent has not stopped yet"
    );
    harness.failed("davas", &id, "cancelled");
    assert_eq!(harness.assigned("davas"), [waiting]);
    assert_eq!(
        state(&mut harness, &id),
        JobState::Cancelled,
        "a late failure changes nothing"
    );
    let again = harness.cancel(&id).unwrap_err();
    assert_eq!(
        again,
        JobError::AlreadyEnded {
            id: id.clone(),
            state: "cancelled".into()
        }
    );
    assert!(matches!(
        harness.cancel("01NOPE"),
        Err(JobError::NotFound(_))
    ));
}

#[tokio::test]
async fn cancelling_a_queued_job_takes_it_out_of_the_queue_without_telling_the_agent() {
    let mut harness = Harness::new(&["davas"], &[]);
    harness.ready("davas", 1, &[GEMMA]);
    let running = harness.accepted(GEMMA, 0);
    let queued = harness.accepted(GEMMA, 0);
    harness.sent("davas");
    harness.cancel(&queued).unwrap();
    assert!(harness.sent("davas").is_empty());
    assert_eq!(harness.node("davas").queued, 0);
    assert_eq!(state(&mut harness, &running), JobState::Queued);
}

#[tokio::test]
async fn a_draining_node_takes_no_new_jobs_but_keeps_its_own_and_undraining_opens_it_again() {
    let mut harness = Harness::new(&["davas"], &[]);
    harness.ready("davas", 1, &[GEMMA]);
    let running = harness.accepted(GEMMA, 0);
    let view = harness.set_draining("davas", true).unwrap();
    assert!(view.draining);
    assert_eq!(view.state, NodeState::Draining as i32);
    let rejected = harness.submit(GEMMA, 0).err().unwrap();
    assert_eq!(rejected.reasons[0].code, IneligibilityCode::Draining as i32);
    assert!(rejected.transient);
    harness.started("davas", &running);
    harness.completed("davas", &running);
    assert_eq!(state(&mut harness, &running), JobState::Succeeded);
    assert!(!harness.set_draining("davas", false).unwrap().draining);
    harness.accepted(GEMMA, 0);
    let unknown = harness.set_draining("elsewhere", true).unwrap_err();
    assert_eq!(
        unknown.to_string(),
        "no node named elsewhere; list nodes with `runner nodes`"
    );
    let typo = harness.set_draining("davs", true).unwrap_err();
    assert_eq!(typo.to_string(), "no node named davs; did you mean davas?");
    assert!(matches!(typo, JobError::NodeNotFound { .. }));
}

#[tokio::test]
async fn list_nodes_shows_every_configured_node_with_its_slots_and_queue() {
    let mut harness = two_nodes();
    harness.ready("davas", 1, &[GEMMA]);
    harness.accepted(GEMMA, 0);
    harness.accepted(GEMMA, 0);
    harness.accepted(GEMMA, 0);
    let nodes = harness.nodes();
    let summary: Vec<(&str, i32, u32, u32, u32)> = nodes
        .iter()
        .map(|node| {
            (
                node.name.as_str(),
                node.state,
                node.running,
                node.queued,
                node.queue_capacity,
            )
        })
        .collect();
    let capacity = QUEUE_CAPACITY as u32;
    assert_eq!(
        summary,
        [
            ("contabo", NodeState::Down as i32, 0, 0, capacity),
            ("davas", NodeState::Ready as i32, 1, 2, capacity),
        ]
    );
    assert_eq!(nodes[0].state_reason, "never seen");
}

#[tokio::test]
async fn list_models_names_every_routed_or_installed_model_with_each_nodes_answer() {
    let mut harness = two_nodes();
    harness.ready("davas", 1, &[GEMMA, "llama3"]);
    let models = harness.models();
    let names: Vec<&str> = models.iter().map(|model| model.model.as_str()).collect();
    assert_eq!(names, [GEMMA, "llama3:latest"]);
    let gemma = &models[0];
    assert!(gemma.available);
    assert_eq!(gemma.routed_nodes, ["davas", "contabo"]);
    let answers: Vec<(&str, bool, i32)> = gemma
        .nodes
        .iter()
        .map(|node| (node.node.as_str(), node.available, node.code))
        .collect();
    assert_eq!(
        answers,
        [
            ("davas", true, 0),
            ("contabo", false, IneligibilityCode::NeverSeen as i32)
        ]
    );
}

#[tokio::test]
async fn jobs_still_active_when_the_coordinator_stops_end_failed_coordinator_stopped() {
    let mut harness = two_nodes();
    harness.ready("davas", 1, &[GEMMA]);
    let running = harness.accepted(GEMMA, 0);
    let queued = harness.accepted(GEMMA, 0);
    harness.started("davas", &running);
    harness.cluster.fail_active_jobs_at_shutdown();
    harness.check();
    for id in [running, queued] {
        let job = harness.job(&id);
        assert_eq!(job.cause, FailureCause::CoordinatorStopped as i32);
    }
    assert!(harness.cluster.jobs.is_empty());
}

#[tokio::test]
async fn an_update_about_a_job_still_waiting_in_the_nodes_queue_does_not_mark_it_running() {
    let mut harness = Harness::new(&["davas"], &[]);
    harness.ready("davas", 1, &[GEMMA]);
    harness.accepted(GEMMA, 0);
    let queued = harness.accepted(GEMMA, 0);
    harness.sent("davas");
    harness.started("davas", &queued);
    harness.delta("davas", &queued, "from an earlier attempt");
    let job = harness.job(&queued);
    assert_eq!(job.state, JobState::Queued as i32);
    assert!(job.output.is_empty());
    let sent = harness.sent("davas");
    assert!(
        matches!(
            sent.as_slice(),
            [
                coordinator_message::Kind::Cancel(_),
                coordinator_message::Kind::Cancel(_)
            ]
        ),
        "{sent:?}"
    );
}

#[tokio::test]
async fn output_before_started_starts_the_job_so_a_lost_node_makes_a_new_attempt() {
    // Found by fuzzing: a delta before `started` left the job queued; when its node was lost
    // the job moved on attempt 1 with its output cleared, so a follower, which restarts the
    // output on a new attempt only, would have kept the lost node's text.
    let mut harness = two_nodes();
    harness.ready("davas", 1, &[QWEN]);
    harness.ready("contabo", 1, &[QWEN]);
    let id = harness.accepted(QWEN, 1);
    let node = harness.job(&id).node;
    harness.delta(&node, &id, "partial ");
    assert_eq!(state(&mut harness, &id), JobState::Running);
    harness.detach(&node, "stream closed");
    let moved = harness.job(&id);
    assert_ne!(moved.node, node);
    assert_eq!((moved.attempt, moved.output.as_str()), (2, ""));
}
