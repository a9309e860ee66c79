//! OpenAI's error shape and status for each refusal, with the headers clients act on.

use std::time::Duration;

use axum::body::to_bytes;

use super::*;
use crate::refusal::NodeReason;

async fn answer(refusal: Refusal) -> (StatusCode, axum::http::HeaderMap, Value) {
    let response = OpenAiError(refusal).into_response();
    let status = response.status();
    let headers = response.headers().clone();
    let body = to_bytes(response.into_body(), 1 << 20).await.unwrap();
    (status, headers, serde_json::from_slice(&body).unwrap())
}

#[tokio::test]
async fn a_rejection_names_every_node_and_is_not_retried() {
    let refusal = Refusal {
        nodes: vec![NodeReason {
            node: "davas".into(),
            code: "agent_down".into(),
            reason: "davas: agent down since 10:00:00 (41 s)".into(),
        }],
        job_id: Some("01JOB".into()),
        param: Some("model"),
        ..Refusal::new(RefusalKind::ModelUnavailable, "no node can run gemma4:27b")
    };
    let (status, headers, body) = answer(refusal).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(headers["x-should-retry"], "false");
    assert_eq!(headers["x-llm-runner-job-id"], "01JOB");
    let error = &body["error"];
    assert_eq!(error["code"], "model_unavailable");
    assert_eq!(error["param"], "model");
    assert_eq!(
        error["message"],
        "no node can run gemma4:27b: davas: agent down since 10:00:00 (41 s)"
    );
    assert_eq!(error["nodes"][0]["code"], "agent_down");
    assert_eq!(error["job_id"], "01JOB");
}

#[tokio::test]
async fn a_rate_limit_is_429_with_retry_after_rounded_up() {
    let refusal = Refusal {
        retry_after: Some(Duration::from_millis(1200)),
        ..Refusal::new(RefusalKind::RateLimited, "groq is rate limited")
    };
    let (status, headers, body) = answer(refusal).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(headers["retry-after"], "2");
    assert_eq!(headers["retry-after-ms"], "1200");
    assert!(headers.get("x-should-retry").is_none());
    assert_eq!(body["error"]["code"], "rate_limit_exceeded");
}

#[tokio::test]
async fn each_kind_has_its_status() {
    for (kind, expected, code) in [
        (
            RefusalKind::InvalidRequest,
            StatusCode::BAD_REQUEST,
            "invalid_request",
        ),
        (
            RefusalKind::Unauthorized,
            StatusCode::UNAUTHORIZED,
            "invalid_api_key",
        ),
        (
            RefusalKind::ModelNotFound,
            StatusCode::NOT_FOUND,
            "model_not_found",
        ),
        (
            RefusalKind::BackendFailed,
            StatusCode::BAD_GATEWAY,
            "backend_error",
        ),
        (
            RefusalKind::Internal,
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
        ),
    ] {
        let (status, _, body) = answer(Refusal::new(kind, "why")).await;
        assert_eq!(status, expected);
        assert_eq!(body["error"]["code"], code);
        assert_eq!(body["error"]["message"], "why");
        assert_eq!(body["error"]["param"], Value::Null);
    }
}

/// A rejection as the coordinator sends it when every node with the model is out of budget.
#[tokio::test]
async fn a_spent_budget_is_429_insufficient_quota_with_the_wait_until_the_reset() {
    use crate::refusal::test_statuses::{budget_reason, rejection_status};
    let status = rejection_status(
        &[("BUDGET_EXHAUSTED", "anthropic")],
        Some(Duration::from_millis(7_200_500)),
    );
    let (status, headers, body) = answer(Refusal::from_status(&status)).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(headers["retry-after"], "7201");
    assert_eq!(headers["x-should-retry"], "false");
    let error = &body["error"];
    assert_eq!(error["type"], "insufficient_quota");
    assert_eq!(error["code"], "budget_exhausted");
    let message = error["message"].as_str().unwrap();
    assert!(message.contains(&budget_reason("anthropic")), "{message}");
    assert_eq!(error["nodes"][0]["code"], "budget_exhausted");
}

#[tokio::test]
async fn a_spent_budget_without_a_known_reset_is_still_429_and_not_retried() {
    use crate::refusal::test_statuses::rejection_status;
    let status = rejection_status(&[("BUDGET_EXHAUSTED", "anthropic")], None);
    let (status, headers, body) = answer(Refusal::from_status(&status)).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(headers.get("retry-after").is_none());
    assert_eq!(headers["x-should-retry"], "false");
    assert_eq!(body["error"]["type"], "insufficient_quota");
}
