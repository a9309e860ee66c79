//! Tests of the `cancel_job` module.

use proto::v1::JobState;

use super::*;

#[test]
fn the_line_names_the_job_and_its_node() {
    let job = Job {
        id: "01JA".into(),
        state: JobState::Cancelled as i32,
        node: "davas".into(),
        attempt: 1,
        ..Default::default()
    };
    assert_eq!(cancelled_line(&job), "cancelled job 01JA on davas");
    let queued = Job {
        id: "01JB".into(),
        state: JobState::Cancelled as i32,
        node: "contabo".into(),
        ..Default::default()
    };
    assert_eq!(
        cancelled_line(&queued),
        "cancelled job 01JB before it started"
    );
    let stopping = Job {
        id: "01JC".into(),
        state: JobState::Running as i32,
        node: "davas".into(),
        attempt: 1,
        ..Default::default()
    };
    assert_eq!(
        cancelled_line(&stopping),
        "cancelling job 01JC (now running) on davas"
    );
}
