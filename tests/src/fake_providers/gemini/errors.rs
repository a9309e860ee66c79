//! Gemini's error envelope `{"error":{"code","message","status","details"}}` with the bodies
//! Google answers (quoted in providers.md §3.1, §3.4): 400 `API_KEY_INVALID`, 403
//! `PERMISSION_DENIED`, 404 `NOT_FOUND`, 429 `RESOURCE_EXHAUSTED` with the wait in
//! `RetryInfo.retryDelay` and no rate-limit headers, and the in-stream error object.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

fn envelope(
    status: StatusCode,
    message: &str,
    rpc_status: &str,
    details: Option<Value>,
) -> Response {
    let mut error = json!({"code": status.as_u16(), "message": message, "status": rpc_status});
    if let Some(details) = details {
        error["details"] = details;
    }
    (status, Json(json!({"error": error}))).into_response()
}

pub(super) fn api_key_invalid() -> Response {
    let message = "API key not valid. Please pass a valid API key.";
    let details = json!([
        {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "API_KEY_INVALID",
         "domain": "googleapis.com",
         "metadata": {"service": "generativelanguage.googleapis.com"}},
        {"@type": "type.googleapis.com/google.rpc.LocalizedMessage", "locale": "en-US",
         "message": message},
    ]);
    envelope(
        StatusCode::BAD_REQUEST,
        message,
        "INVALID_ARGUMENT",
        Some(details),
    )
}

pub(super) fn permission_denied() -> Response {
    let message = "Method doesn't allow unregistered callers (callers without established \
                   identity). Please use API Key or other form of API consumer identity to call \
                   this API.";
    envelope(StatusCode::FORBIDDEN, message, "PERMISSION_DENIED", None)
}

pub(super) fn model_not_found(id: &str, method: &str) -> Response {
    let message = format!(
        "models/{id} is not found for API version v1beta, or is not supported for {method}. \
         Call ListModels to see the list of available models and their supported methods."
    );
    envelope(StatusCode::NOT_FOUND, &message, "NOT_FOUND", None)
}

/// A path naming no resource, `models/models/…` among them.
pub(super) fn not_found_path() -> Response {
    let message = "Requested entity was not found.";
    envelope(StatusCode::NOT_FOUND, message, "NOT_FOUND", None)
}

pub(super) fn invalid_argument(message: &str) -> Response {
    envelope(StatusCode::BAD_REQUEST, message, "INVALID_ARGUMENT", None)
}

/// 429 on a quota: `per_day` picks the quota id a client should give up on until the reset.
pub(super) fn resource_exhausted(model: &str, retry_delay: &str, per_day: bool) -> Response {
    let period = if per_day { "PerDay" } else { "PerMinute" };
    let metric = "generativelanguage.googleapis.com/generate_content_free_tier_requests";
    let message = format!(
        "You exceeded your current quota, please check your plan and billing details. For more \
         information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. \
         To monitor your current usage, head to: https://ai.dev/usage?tab=rate-limit. \n* Quota \
         exceeded for metric: {metric}, limit: 50, model: {model}\nPlease retry in {retry_delay}."
    );
    let details = json!([
        {"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": [{
            "quotaMetric": metric,
            "quotaId": format!("GenerateRequests{period}PerProjectPerModel-FreeTier"),
            "quotaDimensions": {"location": "global", "model": model}, "quotaValue": "50"}]},
        {"@type": "type.googleapis.com/google.rpc.Help", "links": [{
            "description": "Learn more about Gemini API quotas",
            "url": "https://ai.google.dev/gemini-api/docs/rate-limits"}]},
        {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": retry_delay},
    ]);
    envelope(
        StatusCode::TOO_MANY_REQUESTS,
        &message,
        "RESOURCE_EXHAUSTED",
        Some(details),
    )
}

/// The error object a stream carries after its 200, as one `data:` event.
pub(super) fn in_stream_error() -> Value {
    json!({"error": {"code": 503, "message": "The model is overloaded. Please try again later.",
                     "status": "UNAVAILABLE"}})
}
