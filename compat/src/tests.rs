//! The router as a client meets it before any job exists: the token, unknown paths, and
//! requests refused before the coordinator is asked (it is not even running here).

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode};
use serde_json::Value;
use settings::Secret;
use tower::ServiceExt;

use super::*;

/// A router whose coordinator address has nothing listening.
fn api(token: Option<&str>) -> Router {
    router(CompatContext {
        grpc_url: "http://127.0.0.1:9".into(),
        config: ApiConfig {
            token: token.map(Secret::new),
            token_env: TOKEN_ENV,
        },
    })
    .unwrap()
}

async fn call(router: Router, request: Request<Body>) -> (StatusCode, Value) {
    let response = router.oneshot(request).await.unwrap();
    let status = response.status();
    let body = to_bytes(response.into_body(), 1 << 20).await.unwrap();
    (status, serde_json::from_slice(&body).unwrap())
}

fn post(path: &str, body: &str, token: Option<&str>) -> Request<Body> {
    let mut request = Request::post(path).header("content-type", "application/json");
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    request.body(Body::from(body.to_owned())).unwrap()
}

#[tokio::test]
async fn without_the_token_each_dialect_answers_401_in_its_own_shape() {
    let (status, body) = call(
        api(Some("s3cret")),
        post("/v1/chat/completions", "{}", None),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"]["code"], "invalid_api_key");
    let (status, body) = call(api(Some("s3cret")), post("/api/chat", "{}", Some("wrong"))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(
        body["error"].as_str().unwrap().contains("API token"),
        "{body}"
    );
}

#[tokio::test]
async fn with_the_token_a_bad_request_is_refused_before_any_job() {
    let (status, body) = call(
        api(Some("s3cret")),
        post("/v1/chat/completions", r#"{"model": "m"}"#, Some("s3cret")),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("missing field `messages`"),
        "{body}"
    );
    let (status, body) = call(
        api(None),
        post(
            "/v1/embeddings",
            r#"{"model": "m", "input": "x", "dimensions": 8}"#,
            None,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["param"], "dimensions");
}

#[tokio::test]
async fn an_unknown_v1_path_says_what_is_served() {
    let (status, body) = call(api(None), post("/v1/responses", "{}", None)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("/v1/chat/completions"),
        "{body}"
    );
}

#[tokio::test]
async fn an_unreachable_coordinator_is_a_500_naming_it() {
    let request = Request::get("/v1/models").body(Body::empty()).unwrap();
    let (status, body) = call(api(None), request).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    let message = body["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("cannot reach the coordinator"),
        "{message}"
    );
}
