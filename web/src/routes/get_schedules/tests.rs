//! Tests of `GET /schedules` over the fake coordinator's real `ScheduleService` (and without
//! one, and with nothing listening).

use std::sync::Arc;

use client::Coordinator;
use tokio_util::sync::CancellationToken;

use crate::app_state::AppState;
use crate::conversations::{Conversations, MemoryConversationStore};
use crate::test_support::{REJECTION, TestApp, operators_schedules};

#[tokio::test]
async fn every_schedule_is_a_row_with_its_last_firing() {
    let app = TestApp::with_schedules(operators_schedules()).await;
    let (status, body) = app.get("/schedules").await;
    assert_eq!(status, 200, "{body}");
    assert!(
        body.contains(r#"<a href="/schedules" aria-current="page">Schedules</a>"#),
        "{body}"
    );
    assert_eq!(body.matches(r#"<tr class="schedule""#).count(), 3, "{body}");
    assert!(body.contains("Sat 5 Dec 2026 07:00 GMT"), "{body}");
    assert!(body.contains(REJECTION), "{body}");
    assert!(body.contains(r#"href="/jobs/J-dig-9""#), "{body}");
    assert!(
        body.contains(r#"data-state="rejected">rejected</span>"#),
        "{body}"
    );
    assert!(body.contains(">missed</span>"), "{body}");
    assert!(body.contains(">Resume</button>"), "{body}");
}

#[tokio::test]
async fn no_schedules_says_how_to_add_one() {
    let app = TestApp::with_schedules(Vec::new()).await;
    let (status, body) = app.get("/schedules").await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("No schedules are configured."), "{body}");
}

#[tokio::test]
async fn a_coordinator_without_schedule_service_is_named_not_a_bare_500() {
    let app = TestApp::start().await;
    let (status, body) = app.get("/schedules").await;
    assert_eq!(status, 501, "{body}");
    assert!(body.contains("does not serve schedules"), "{body}");
    assert!(body.contains("<h1>Not Implemented</h1>"), "{body}");
}

#[tokio::test]
async fn an_unreachable_coordinator_says_so() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let conversations = Conversations::new(Arc::new(MemoryConversationStore::default()));
    let state = AppState::new(
        Coordinator::lazy(&url).unwrap(),
        conversations,
        CancellationToken::new(),
    );
    let router = crate::routes::router(state, None);
    let response = tower::ServiceExt::oneshot(
        router,
        axum::http::Request::get("/schedules")
            .body(axum::body::Body::empty())
            .unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(response.status(), 503);
    let body = crate::test_support::body_text(response).await;
    assert!(
        body.contains("is the coordinator running and healthy?"),
        "{body}"
    );
}
