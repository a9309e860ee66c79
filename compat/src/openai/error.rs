//! A refusal in OpenAI's error shape: `{"error": {"message", "type", "code", "param"}}` with
//! the status OpenAI's clients branch on — 400 for a bad request, 401 without the token, 404
//! `model_not_found`, 429 with `retry-after` while a provider's rate limit lasts, 503
//! `model_unavailable` when the model exists but no node can run it now, 429 `insufficient_quota`
//! / `budget_exhausted` with `retry-after` until the reset when a spent budget holds back every
//! node that has the model. A rejection also
//! carries every node's reason (`nodes`) and the recorded job's id (`job_id`), and says
//! `x-should-retry: false` when retrying at once cannot help (OpenAI's SDKs honour it).

#[cfg(test)]
mod tests;

use axum::Json;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::refusal::{Refusal, RefusalKind};

/// A refusal answered the OpenAI way.
#[derive(Debug)]
pub struct OpenAiError(pub Refusal);

impl OpenAiError {
    /// The status, OpenAI's `type` and `code` for this refusal.
    fn shape(&self) -> (StatusCode, &'static str, &'static str) {
        match self.0.kind {
            RefusalKind::InvalidRequest => (
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                "invalid_request",
            ),
            RefusalKind::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                "invalid_request_error",
                "invalid_api_key",
            ),
            RefusalKind::NotFound => (StatusCode::NOT_FOUND, "invalid_request_error", "not_found"),
            RefusalKind::ModelNotFound => (
                StatusCode::NOT_FOUND,
                "invalid_request_error",
                "model_not_found",
            ),
            RefusalKind::ModelUnavailable => (
                StatusCode::SERVICE_UNAVAILABLE,
                "service_unavailable_error",
                "model_unavailable",
            ),
            RefusalKind::RateLimited => (
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limit_error",
                "rate_limit_exceeded",
            ),
            // OpenAI's own answer for a spent quota: 429 `insufficient_quota`.
            RefusalKind::BudgetExhausted => (
                StatusCode::TOO_MANY_REQUESTS,
                "insufficient_quota",
                "budget_exhausted",
            ),
            RefusalKind::BackendFailed => {
                (StatusCode::BAD_GATEWAY, "server_error", "backend_error")
            }
            RefusalKind::JobLost => (StatusCode::SERVICE_UNAVAILABLE, "server_error", "job_lost"),
            RefusalKind::Cancelled => (StatusCode::CONFLICT, "server_error", "job_cancelled"),
            RefusalKind::Internal => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "server_error",
                "internal_error",
            ),
        }
    }

    /// The `error` object, also sent as one event when a stream fails after it began.
    pub fn body(&self) -> Value {
        let (_, kind, code) = self.shape();
        let refusal = &self.0;
        let mut error = json!({
            "message": refusal.full_message(),
            "type": kind,
            "code": code,
            "param": refusal.param,
        });
        if let Some(id) = &refusal.job_id {
            error["job_id"] = json!(id);
        }
        if !refusal.nodes.is_empty() {
            error["nodes"] = refusal
                .nodes
                .iter()
                .map(|node| json!({"node": node.node, "code": node.code, "reason": node.reason}))
                .collect();
        }
        json!({ "error": error })
    }
}

impl IntoResponse for OpenAiError {
    fn into_response(self) -> Response {
        let (status, _, _) = self.shape();
        let mut response = (status, Json(self.body())).into_response();
        let headers = response.headers_mut();
        if let Some(wait) = self.0.retry_after {
            // Whole seconds, rounded up: retrying earlier is refused again.
            let seconds = wait.as_millis().div_ceil(1000).max(1);
            headers.insert("retry-after", HeaderValue::from(seconds as u64));
            headers.insert("retry-after-ms", HeaderValue::from(wait.as_millis() as u64));
        }
        let no_quick_retry = match self.0.kind {
            RefusalKind::ModelNotFound | RefusalKind::ModelUnavailable => {
                self.0.retry_after.is_none()
            }
            // A budget resets at the end of its day or month: an SDK's quick retries would
            // each be one more rejected job.
            RefusalKind::BudgetExhausted => true,
            _ => false,
        };
        if no_quick_retry {
            // A node coming back takes longer than an SDK's quick retries; each retry would
            // be one more rejected job.
            headers.insert("x-should-retry", HeaderValue::from_static("false"));
        }
        if let Some(id) = self
            .0
            .job_id
            .as_deref()
            .and_then(|id| HeaderValue::from_str(id).ok())
        {
            headers.insert("x-llm-runner-job-id", id);
        }
        response
    }
}
