//! Tests of the `post_node_draining` module.

use axum::http::StatusCode;

use crate::test_support::TestApp;

#[tokio::test]
async fn drain_and_undrain_reach_the_coordinator() {
    let app = TestApp::start().await;
    let response = app
        .post_form("/nodes/davas/draining", "draining=true")
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/");
    app.post_form("/nodes/contabo/draining", "draining=false")
        .await;
    assert_eq!(
        app.coordinator.draining(),
        vec![("davas".to_owned(), true), ("contabo".to_owned(), false)]
    );
}

#[tokio::test]
async fn an_unknown_node_is_not_found() {
    let app = TestApp::start().await;
    let response = app
        .post_form("/nodes/nowhere/draining", "draining=true")
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}
