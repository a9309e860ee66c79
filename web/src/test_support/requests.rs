//! The UI's router on a fake coordinator, driven in-process with `tower::ServiceExt::oneshot`.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode, header};
use futures::StreamExt;
use settings::Secret;
use tokio_util::sync::CancellationToken;
use tower::ServiceExt;

use super::FakeCoordinator;
use crate::app_state::AppState;
use crate::conversations::{Conversations, MemoryConversationStore};

pub struct TestApp {
    pub router: Router,
    pub coordinator: FakeCoordinator,
    pub state: AppState,
}

impl TestApp {
    pub async fn start() -> Self {
        Self::with_token(None).await
    }

    pub async fn with_token(token: Option<&str>) -> Self {
        Self::on(FakeCoordinator::start().await, token)
    }

    /// On a fake coordinator that serves `ScheduleService` with these schedules.
    pub async fn with_schedules(schedules: Vec<proto::v1::Schedule>) -> Self {
        Self::on(FakeCoordinator::with_schedules(schedules).await, None)
    }

    fn on(coordinator: FakeCoordinator, token: Option<&str>) -> Self {
        let shutdown = CancellationToken::new();
        let conversations = Conversations::new(Arc::new(MemoryConversationStore::default()));
        let state = AppState::new(coordinator.client(), conversations, shutdown);
        let router = crate::routes::router(state.clone(), token.map(Secret::new));
        Self {
            router,
            coordinator,
            state,
        }
    }

    pub async fn send(&self, request: Request<Body>) -> Response<Body> {
        self.router.clone().oneshot(request).await.unwrap()
    }

    /// A GET; answers the status and the whole body.
    pub async fn get(&self, uri: &str) -> (StatusCode, String) {
        let response = self
            .send(Request::get(uri).body(Body::empty()).unwrap())
            .await;
        let status = response.status();
        (status, body_text(response).await)
    }

    /// A form POST as the UI's own page sends it.
    pub async fn post_form(&self, uri: &str, form: &str) -> Response<Body> {
        let request = Request::post(uri)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(form.to_owned()))
            .unwrap();
        self.send(request).await
    }

    /// Opens an event stream and reads it until `until` shows up (or 5 s pass).
    pub async fn read_events(&self, uri: &str, until: &str) -> String {
        let response = self
            .send(Request::get(uri).body(Body::empty()).unwrap())
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        let mut body = response.into_body().into_data_stream();
        let mut text = String::new();
        let read = tokio::time::timeout(Duration::from_secs(5), async {
            while !text.contains(until) {
                match body.next().await {
                    Some(Ok(chunk)) => text.push_str(&String::from_utf8_lossy(&chunk)),
                    _ => break,
                }
            }
        })
        .await;
        assert!(
            read.is_ok() && text.contains(until),
            "no {until:?} in the stream: {text}"
        );
        text
    }
}

pub async fn body_text(response: Response<Body>) -> String {
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    String::from_utf8(bytes.to_vec()).unwrap()
}
