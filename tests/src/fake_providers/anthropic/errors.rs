//! Anthropic's error shape `{"type":"error","error":{"type","message"},"request_id"}` with the
//! status of each `error.type` (docs.claude.com/en/api/errors; bodies quoted in providers.md
//! §4.4), and the headers on every response: `request-id` and `anthropic-ratelimit-*` whose
//! resets are RFC 3339 timestamps (tidyllm's recorded fixture), `retry-after` on 429.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::fake_ollama::clock::rfc3339_utc;
use crate::fake_providers::state::Shared;

/// An HTTP status and the `error.type` Anthropic sends with it.
pub(super) type Kind = (u16, &'static str);
pub(super) const INVALID_REQUEST: Kind = (400, "invalid_request_error");
pub(super) const UNAUTHORIZED: Kind = (401, "authentication_error");
pub(super) const NOT_FOUND: Kind = (404, "not_found_error");
pub(super) const RATE_LIMITED: Kind = (429, "rate_limit_error");
pub(super) const OVERLOADED: Kind = (529, "overloaded_error");

/// The limits of the recorded headers: (name, limit).
const LIMITS: [(&str, u32); 4] = [
    ("input-tokens", 80_000),
    ("output-tokens", 16_000),
    ("requests", 1_000),
    ("tokens", 96_000),
];

pub(super) fn request_id(shared: &Shared) -> String {
    format!("req_standin{:014}", shared.next_id())
}

pub(super) fn error(shared: &Shared, (status, kind): Kind, message: &str) -> Response {
    let id = request_id(shared);
    let body =
        json!({"type": "error", "error": {"type": kind, "message": message}, "request_id": id});
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, Json(body)).into_response();
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("request-id", value);
    }
    response
}

pub(super) async fn unknown_route(State(shared): State<Arc<Shared>>) -> Response {
    error(&shared, NOT_FOUND, "Not Found")
}

/// 429 with `retry-after` in whole seconds (rounded up) and the requests limit spent until then.
pub(super) fn rate_limited(shared: &Shared, wait: Duration) -> Response {
    let message = "This request would exceed the rate limit for your organization (standin) of \
                   30,000 input tokens per minute. For details, refer to: \
                   https://docs.claude.com/en/api/rate-limits. You can see the response headers \
                   for current usage. Please reduce the prompt length or the maximum tokens \
                   requested, or try again later.";
    let mut response = error(shared, RATE_LIMITED, message);
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    let headers = response.headers_mut();
    headers.insert("retry-after", HeaderValue::from(seconds));
    headers.insert(
        "anthropic-ratelimit-requests-remaining",
        HeaderValue::from(0),
    );
    if let Ok(reset) = HeaderValue::from_str(&whole_second_rfc3339(SystemTime::now() + wait)) {
        headers.insert("anthropic-ratelimit-requests-reset", reset);
    }
    response
}

/// `time` rounded up to the second, as the recorded resets are written (`2025-08-21T12:40:59Z`).
fn whole_second_rfc3339(time: SystemTime) -> String {
    let since = time.duration_since(UNIX_EPOCH).unwrap_or(Duration::ZERO);
    let rounded = since.as_secs() + u64::from(since.subsec_nanos() > 0);
    rfc3339_utc(UNIX_EPOCH + Duration::from_secs(rounded))
}

/// Adds `request-id` and the `anthropic-ratelimit-*` headers a handler did not set.
pub(super) async fn with_headers(
    State(shared): State<Arc<Shared>>,
    mut response: Response,
) -> Response {
    let reset = whole_second_rfc3339(SystemTime::now() + Duration::from_secs(60));
    let headers = response.headers_mut();
    let mut add = |name: String, value: String| {
        let (Ok(name), Ok(value)) = (HeaderName::try_from(name), HeaderValue::try_from(value))
        else {
            return;
        };
        if !headers.contains_key(&name) {
            headers.insert(name, value);
        }
    };
    for (limit_name, limit) in LIMITS {
        let prefix = format!("anthropic-ratelimit-{limit_name}");
        add(format!("{prefix}-limit"), limit.to_string());
        add(format!("{prefix}-remaining"), (limit - 1).to_string());
        add(format!("{prefix}-reset"), reset.clone());
    }
    add("request-id".to_string(), request_id(&shared));
    response
}
