//! Tests of the `get_job` module.

use proto::v1::{Job, JobState};

use crate::test_support::{TestApp, running_job};

#[tokio::test]
async fn a_job_page_shows_its_state_and_output() {
    let app = TestApp::start().await;
    app.coordinator.put_job(Job {
        state: JobState::Succeeded as i32,
        output: "the sky scatters blue light".into(),
        ..running_job("J1", "qwen2.5:14b")
    });
    let (status, body) = app.get("/jobs/J1").await;
    assert_eq!(status, 200);
    assert!(
        body.contains("the sky scatters blue light") && body.contains("state-succeeded"),
        "{body}"
    );
}

#[tokio::test]
async fn an_unknown_job_is_not_found() {
    let app = TestApp::start().await;
    let (status, body) = app.get("/jobs/NOPE").await;
    assert_eq!(status, 404);
    assert!(body.contains("no job NOPE"));
}
