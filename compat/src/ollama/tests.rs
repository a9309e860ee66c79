//! The routes answer in Ollama's shapes before any job: the version, a bad body, an
//! unreachable coordinator; the coordinator's own `/api/…` paths are not taken.

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode};
use serde_json::{Value, json};
use tower::ServiceExt;

use super::*;

/// The routes with a coordinator nobody listens on (port 9 is discard, closed here).
fn app() -> axum::Router {
    let coordinator = client::Coordinator::lazy("http://127.0.0.1:9").unwrap();
    routes().with_state(ApiState { coordinator })
}

async fn call(method: &str, path: &str, body: &str) -> (StatusCode, Value) {
    let request = Request::builder()
        .method(method)
        .uri(path)
        .body(Body::from(body.to_owned()))
        .unwrap();
    let response = app().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = to_bytes(response.into_body(), 1 << 20).await.unwrap();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

#[tokio::test]
async fn version_answers_without_the_cluster() {
    let (status, body) = call("GET", "/api/version", "").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, json!({"version": version::OLLAMA_API_VERSION}));
}

#[tokio::test]
async fn a_bad_body_or_missing_model_is_400_in_ollamas_shape() {
    let (status, body) = call("POST", "/api/chat", "{not json").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["error"].as_str().unwrap().contains("not valid"),
        "{body}"
    );
    let (status, body) = call("POST", "/api/generate", r#"{"prompt":"hi"}"#).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body, json!({"error": "model is required"}));
}

#[tokio::test]
async fn an_unreachable_coordinator_is_500_in_ollamas_shape() {
    let (status, body) = call("GET", "/api/tags", "").await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(
        body["error"]
            .as_str()
            .unwrap()
            .contains("cannot reach the coordinator"),
        "{body}"
    );
}

#[tokio::test]
async fn the_coordinators_own_paths_are_left_alone() {
    for path in ["/api/nodes", "/api/models", "/api/jobs", "/api/alerts"] {
        let (status, _) = call("GET", path, "").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn unauthorized_is_401_in_ollamas_shape() {
    let response = unauthorized();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let bytes = to_bytes(response.into_body(), 1 << 20).await.unwrap();
    let body: Value = serde_json::from_slice(&bytes).unwrap();
    assert!(body["error"].as_str().unwrap().starts_with("unauthorized"));
}
