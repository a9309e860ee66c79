//! Tests of the `post_cancel_job` module.

use axum::http::StatusCode;

use crate::test_support::{TestApp, running_job};

#[tokio::test]
async fn stop_cancels_the_job() {
    let app = TestApp::start().await;
    app.coordinator.put_job(running_job("J1", "qwen2.5:14b"));
    let response = app.post_form("/jobs/J1/cancel", "").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.coordinator.cancelled(), vec!["J1".to_owned()]);
    assert_eq!(
        app.post_form("/jobs/NOPE/cancel", "").await.status(),
        StatusCode::NOT_FOUND
    );
}
