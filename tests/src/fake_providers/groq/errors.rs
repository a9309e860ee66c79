//! Groq's error bodies, verbatim in shape and wording (console.groq.com/docs/errors; bodies
//! quoted in providers.md §2.4), and its `x-ratelimit-*` / `retry-after` headers
//! (console.groq.com/docs/rate-limits), whose resets are Go duration strings.

use std::time::Duration;

use axum::Json;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// The example values of Groq's rate-limit page; a 429 overrides the token reset.
const RATE_LIMIT_HEADERS: [(&str, &str); 6] = [
    ("x-ratelimit-limit-requests", "14400"),
    ("x-ratelimit-limit-tokens", "18000"),
    ("x-ratelimit-remaining-requests", "14370"),
    ("x-ratelimit-remaining-tokens", "17997"),
    ("x-ratelimit-reset-requests", "2m59.56s"),
    ("x-ratelimit-reset-tokens", "7.66s"),
];

fn error(status: StatusCode, message: &str, kind: &str, code: Option<&str>) -> Response {
    let mut body = json!({"error": {"message": message, "type": kind}});
    if let Some(code) = code {
        body["error"]["code"] = json!(code);
    }
    (status, Json(body)).into_response()
}

pub(super) fn invalid_api_key() -> Response {
    let kind = "invalid_request_error";
    error(
        StatusCode::UNAUTHORIZED,
        "Invalid API Key",
        kind,
        Some("invalid_api_key"),
    )
}

pub(super) fn model_not_found(id: &str) -> Response {
    let message = format!("The model `{id}` does not exist or you do not have access to it.");
    let kind = "invalid_request_error";
    error(
        StatusCode::NOT_FOUND,
        &message,
        kind,
        Some("model_not_found"),
    )
}

pub(super) fn model_decommissioned(id: &str) -> Response {
    let message = format!(
        "The model `{id}` has been decommissioned and is no longer supported. Please refer to \
         https://console.groq.com/docs/deprecations for a recommendation on which model to use \
         instead."
    );
    let kind = "invalid_request_error";
    error(
        StatusCode::BAD_REQUEST,
        &message,
        kind,
        Some("model_decommissioned"),
    )
}

pub(super) fn bad_request(message: &str) -> Response {
    error(
        StatusCode::BAD_REQUEST,
        message,
        "invalid_request_error",
        None,
    )
}

pub(super) fn unknown_route() -> Response {
    let message = "Unknown request URL. Please check the URL for typos, or see the docs at \
                   https://console.groq.com/docs/";
    error(
        StatusCode::NOT_FOUND,
        message,
        "invalid_request_error",
        Some("unknown_url"),
    )
}

/// 429 on tokens per minute, with `retry-after` in whole seconds (rounded up).
pub(super) fn rate_limited(model: &str, wait: Duration) -> Response {
    let message = format!(
        "Rate limit reached for model `{model}` in organization `org_standin` service tier \
         `on_demand` on tokens per minute (TPM): Limit 18000, Used 17000, Requested 1500. Please \
         try again in {}. Visit https://console.groq.com/docs/rate-limits for more information.",
        go_duration(wait)
    );
    let tokens = "tokens";
    let mut response = error(
        StatusCode::TOO_MANY_REQUESTS,
        &message,
        tokens,
        Some("rate_limit_exceeded"),
    );
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    let headers = response.headers_mut();
    headers.insert("retry-after", HeaderValue::from(seconds));
    let reset = HeaderValue::from_str(&go_duration(wait)).unwrap_or(HeaderValue::from_static("1s"));
    headers.insert("x-ratelimit-reset-tokens", reset);
    headers.insert(
        "x-ratelimit-remaining-tokens",
        HeaderValue::from_static("0"),
    );
    response
}

/// 413 for one request over the tokens-per-minute limit: a rate limit, without `retry-after`.
pub(super) fn too_large(model: &str, requested: usize) -> Response {
    let message = format!(
        "Request too large for model `{model}` in organization `org_standin` service tier \
         `on_demand` on tokens per minute (TPM): Limit 8000, Requested {requested}, Please reduce \
         your message size and try again. Need more tokens? Upgrade to Dev Tier today at \
         https://console.groq.com/settings/billing"
    );
    error(
        StatusCode::PAYLOAD_TOO_LARGE,
        &message,
        "tokens",
        Some("rate_limit_exceeded"),
    )
}

/// Adds the `x-ratelimit-*` headers a handler did not set itself, on every response.
pub(super) async fn with_rate_limit_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in RATE_LIMIT_HEADERS {
        let name = HeaderName::from_static(name);
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    }
    response
}

/// A duration as Go's `time.Duration.String` writes it: `290ms`, `7.66s`, `2m59.56s`.
pub(super) fn go_duration(duration: Duration) -> String {
    if duration < Duration::from_secs(1) {
        return format!("{}ms", trim_fraction(duration.as_secs_f64() * 1000.0));
    }
    let whole = duration.as_secs();
    let (hours, minutes) = (whole / 3600, whole % 3600 / 60);
    let seconds = (whole % 60) as f64 + f64::from(duration.subsec_nanos()) / 1e9;
    let mut text = String::new();
    if hours > 0 {
        text.push_str(&format!("{hours}h"));
    }
    if hours > 0 || minutes > 0 {
        text.push_str(&format!("{minutes}m"));
    }
    text + &format!("{}s", trim_fraction(seconds))
}

fn trim_fraction(value: f64) -> String {
    let text = format!("{value:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}
