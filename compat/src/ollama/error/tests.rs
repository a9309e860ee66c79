//! Ollama's error shape and status for each refusal, with the headers clients act on.

use std::time::Duration;

use axum::body::to_bytes;

use super::*;
use crate::refusal::NodeReason;

async fn answer(error: OllamaError) -> (StatusCode, axum::http::HeaderMap, Value) {
    let response = error.into_response();
    let status = response.status();
    let headers = response.headers().clone();
    let body = to_bytes(response.into_body(), 1 << 20).await.unwrap();
    (status, headers, serde_json::from_slice(&body).unwrap())
}

fn davas_down() -> Vec<NodeReason> {
    vec![NodeReason {
        node: "davas".into(),
        code: "agent_down".into(),
        reason: "davas: agent down since 10:00:00 (41 s)".into(),
    }]
}

#[tokio::test]
async fn an_unavailable_model_is_503_with_every_nodes_reason_and_the_job() {
    let refusal = Refusal {
        nodes: davas_down(),
        job_id: Some("01JOB".into()),
        ..Refusal::new(RefusalKind::ModelUnavailable, "no node can run gemma4:27b")
    };
    let (status, headers, body) = answer(OllamaError::about("gemma4:27b", refusal)).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(headers["x-llm-runner-job-id"], "01JOB");
    assert_eq!(
        body,
        json!({"error": "no node can run gemma4:27b: davas: agent down since 10:00:00 (41 s)"})
    );
}

#[tokio::test]
async fn a_model_nobody_has_is_404_in_ollamas_words_then_ours() {
    let refusal = Refusal::new(RefusalKind::ModelNotFound, "no node has model mystery:1b");
    let (status, _, body) = answer(OllamaError::about("mystery:1b", refusal)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        body["error"],
        r#"model "mystery:1b" not found: no node has model mystery:1b"#
    );
    // The coordinator's headline is not said twice.
    let headline = Refusal::new(
        RefusalKind::ModelNotFound,
        "no node can run gemma4:latest; did you mean gemma4:27b?",
    );
    let (_, _, body) = answer(OllamaError::about("gemma4:latest", headline)).await;
    assert_eq!(
        body["error"],
        r#"model "gemma4:latest" not found; did you mean gemma4:27b?"#
    );
}

#[tokio::test]
async fn a_rate_limit_is_429_with_retry_after_rounded_up() {
    let refusal = Refusal {
        retry_after: Some(Duration::from_millis(1200)),
        ..Refusal::new(RefusalKind::RateLimited, "groq is rate limited")
    };
    let (status, headers, body) = answer(OllamaError(refusal)).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(headers["retry-after"], "2");
    assert_eq!(body["error"], "groq is rate limited");
}

#[tokio::test]
async fn each_kind_has_its_status() {
    for (kind, expected) in [
        (RefusalKind::InvalidRequest, StatusCode::BAD_REQUEST),
        (RefusalKind::Unauthorized, StatusCode::UNAUTHORIZED),
        (RefusalKind::NotFound, StatusCode::NOT_FOUND),
        (
            RefusalKind::BackendFailed,
            StatusCode::INTERNAL_SERVER_ERROR,
        ),
        (RefusalKind::JobLost, StatusCode::INTERNAL_SERVER_ERROR),
        (RefusalKind::Internal, StatusCode::INTERNAL_SERVER_ERROR),
    ] {
        let (status, headers, body) = answer(OllamaError(Refusal::new(kind, "why"))).await;
        assert_eq!(status, expected, "{kind:?}");
        assert_eq!(body, json!({"error": "why"}));
        assert!(headers.get("retry-after").is_none());
    }
}

#[test]
fn a_stream_line_is_the_error_object_and_a_newline() {
    let line = OllamaError(Refusal::new(RefusalKind::BackendFailed, "job 01J failed")).line();
    assert_eq!(&line[..], b"{\"error\":\"job 01J failed\"}\n");
}

/// A rejection as the coordinator sends it when every node with the model is out of budget.
#[tokio::test]
async fn a_spent_budget_is_429_with_retry_after_and_the_budget_in_the_error() {
    use crate::refusal::test_statuses::{budget_reason, rejection_status};
    let status = rejection_status(
        &[
            ("BUDGET_EXHAUSTED", "anthropic"),
            ("MODEL_NOT_INSTALLED", "davas"),
        ],
        Some(Duration::from_secs(3600)),
    );
    let refusal = Refusal::from_status(&status);
    let (status, headers, body) = answer(OllamaError::about("claude-sonnet-4-5", refusal)).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(headers["retry-after"], "3600");
    let error = body["error"].as_str().unwrap();
    assert!(error.contains(&budget_reason("anthropic")), "{error}");
    assert_eq!(body.as_object().unwrap().len(), 1, "{body}");
}
