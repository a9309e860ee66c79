//! Tests of the `post_job` module.

use axum::http::StatusCode;
use proto::v1::JobKind;

use crate::test_support::TestApp;

#[tokio::test]
async fn generate_and_chat_jobs_are_submitted_and_shown() {
    let app = TestApp::start().await;
    let response = app
        .post_form("/jobs", "kind=generate&model=qwen2.5%3A14b&prompt=why%3F")
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/jobs/J1");
    app.post_form("/jobs", "kind=chat&model=qwen2.5%3A14b&prompt=hi")
        .await;
    let submitted = app.coordinator.submitted();
    assert_eq!(
        (submitted[0].kind, submitted[0].prompt.as_str()),
        (JobKind::Generate as i32, "why?")
    );
    assert_eq!(submitted[1].messages[0].content, "hi");
}

#[tokio::test]
async fn a_rejected_job_leads_to_its_page_with_the_reason() {
    let app = TestApp::start().await;
    let response = app
        .post_form("/jobs", "kind=generate&model=gemma4%3A27b&prompt=hi")
        .await;
    assert_eq!(response.headers()["location"], "/jobs/J1");
    let (_, page) = app.get("/jobs/J1").await;
    assert!(page.contains("state-rejected"), "{page}");
}

#[tokio::test]
async fn bad_forms_are_refused_with_what_to_do() {
    let app = TestApp::start().await;
    let response = app
        .post_form("/jobs", "kind=embed&model=qwen2.5%3A14b&prompt=hi")
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let response = app.post_form("/jobs", "kind=generate&prompt=hi").await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(app.coordinator.submitted().is_empty());
}
