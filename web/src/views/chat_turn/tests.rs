//! Tests of the `chat_turn` module.

use proto::v1::JobState;

use super::*;

fn answer(state: JobState, reason: &str) -> Answer {
    Answer::from_job(&Job {
        id: "J1".into(),
        state: state as i32,
        node: "davas".into(),
        served_model: "gemma4:27b".into(),
        reason: reason.into(),
        ..Default::default()
    })
}

#[test]
fn a_pending_answer_streams_from_its_job_and_can_be_stopped() {
    let text = answer_turn(&answer(JobState::Running, "")).into_string();
    assert!(
        text.contains(r#"sse-connect="/jobs/J1/events?view=chat""#),
        "{text}"
    );
    assert!(text.contains(r#"sse-swap="token" hx-swap="beforeend""#));
    assert!(text.contains(r#"action="/jobs/J1/cancel""#) && text.contains(">Stop<"));
}

#[test]
fn a_lost_node_is_shown_with_its_reason() {
    let text = answer_turn(&answer(
        JobState::Failed,
        "node_lost: davas stopped answering",
    ))
    .into_string();
    assert!(text.contains(r#"data-state="failed""#) && text.contains("node_lost: davas"));
    assert!(
        !text.contains("sse-connect"),
        "a final answer streams nothing"
    );
    assert!(text.contains("davas · gemma4:27b"));
}
