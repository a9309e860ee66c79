//! Anthropic's non-2xx answers as [`ProviderError`]s (docs.claude.com/en/api/errors, as quoted
//! in `research/providers.md` §4.4 and §6): the envelope
//! `{"type":"error","error":{"type","message"},"request_id"}`, `retry-after` on a 429 (seconds;
//! the SDKs also honour `retry-after-ms`), and the `anthropic-ratelimit-*` and `request-id`
//! headers kept for the log line. 529 `overloaded_error` is everyone's overload, not our quota.

use std::time::Duration;

use serde::Deserialize;
use settings::Secret;

use super::super::transport_error::{
    body_snippet, headers_with_prefix, redact, retry_after_seconds,
};
use super::super::{ProviderError, ProviderErrorKind};

#[derive(Debug, Deserialize)]
struct Envelope {
    error: Body,
}

#[derive(Debug, Deserialize)]
struct Body {
    #[serde(rename = "type", default)]
    kind: String,
    #[serde(default)]
    message: String,
}

pub(super) async fn classify_response(
    response: reqwest::Response,
    api_key: &Secret,
) -> ProviderError {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    // A body that cannot be read still has a status worth classifying.
    let body = response.text().await.unwrap_or_default();
    classify(status, &headers, &body, api_key)
}

fn classify(
    status: u16,
    headers: &reqwest::header::HeaderMap,
    body: &str,
    api_key: &Secret,
) -> ProviderError {
    let (error_type, message) = match serde_json::from_str::<Envelope>(body) {
        Ok(Envelope { error }) => (error.kind, error.message),
        Err(_) => (String::new(), body_snippet(body)),
    };
    let kind = match (status, error_type.as_str()) {
        (401 | 403, _) => ProviderErrorKind::KeyRejected,
        (404, "not_found_error") => ProviderErrorKind::ModelGone,
        (429, _) => ProviderErrorKind::RateLimited {
            retry_after: retry_after_seconds(headers).or_else(|| retry_after_milliseconds(headers)),
        },
        (500..=599, _) => ProviderErrorKind::Overloaded,
        (400..=499, _) => ProviderErrorKind::BadRequest,
        _ => ProviderErrorKind::Malformed,
    };
    let mut limits = headers_with_prefix(headers, "anthropic-ratelimit-");
    limits.extend(headers_with_prefix(headers, "request-id"));
    ProviderError {
        kind,
        status: Some(status),
        error_type,
        code: String::new(),
        message: redact(&message, api_key),
        limits,
        partial_usage: None,
    }
}

fn retry_after_milliseconds(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers.get("retry-after-ms")?.to_str().ok()?;
    let milliseconds: f64 = value.trim().parse().ok()?;
    Duration::try_from_secs_f64(milliseconds / 1000.0).ok()
}
