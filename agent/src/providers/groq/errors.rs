//! Groq's non-2xx answers as [`ProviderError`]s (console.groq.com/docs/errors and
//! /docs/rate-limits, as quoted in `research/providers.md` §2.4 and §6): the envelope
//! `{"error":{"message","type","code"}}` (`code` optional), `retry-after` (429 only, seconds)
//! or the message's "Please try again in 5.289s" / "9m52.272s", and the `x-ratelimit-*`
//! headers Groq puts on every answer.

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
    #[serde(default)]
    message: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    code: Option<serde_json::Value>,
}

/// Reads a non-2xx answer's body and classifies it.
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
    let (error_type, code, message) = match serde_json::from_str::<Envelope>(body) {
        Ok(Envelope { error }) => (
            error.kind.unwrap_or_default(),
            match error.code {
                Some(serde_json::Value::String(code)) => code,
                Some(serde_json::Value::Null) | None => String::new(),
                Some(other) => other.to_string(),
            },
            error.message.unwrap_or_default(),
        ),
        Err(_) => (String::new(), String::new(), body_snippet(body)),
    };
    let rate_limited = || ProviderErrorKind::RateLimited {
        retry_after: retry_after_seconds(headers).or_else(|| retry_after_in_message(&message)),
    };
    let kind = match (status, code.as_str()) {
        (429, _) | (413, "rate_limit_exceeded") => rate_limited(),
        (401 | 403, _) => ProviderErrorKind::KeyRejected,
        (404, "model_not_found") | (400, "model_decommissioned") => ProviderErrorKind::ModelGone,
        (498 | 500..=599, _) => ProviderErrorKind::Overloaded,
        (400..=499, _) => ProviderErrorKind::BadRequest,
        _ => ProviderErrorKind::Malformed,
    };
    ProviderError {
        kind,
        status: Some(status),
        error_type,
        code,
        message: redact(&message, api_key),
        limits: headers_with_prefix(headers, "x-ratelimit-"),
        partial_usage: None,
    }
}

/// The wait in "… Please try again in 5.289s. …" (a Go duration, e.g. `9m52.272s`).
pub(super) fn retry_after_in_message(message: &str) -> Option<Duration> {
    let (_, after) = message.split_once("try again in ")?;
    let word = after.split_whitespace().next()?;
    parse_go_duration(word.trim_end_matches(['.', ',', ';']))
}

/// A Go duration string such as `2m59.56s`, `7.66s`, `1h2m`, `250ms`.
pub(super) fn parse_go_duration(text: &str) -> Option<Duration> {
    let mut rest = text;
    let mut total = 0.0_f64;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let number_end = rest.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
        let number: f64 = rest[..number_end].parse().ok()?;
        rest = &rest[number_end..];
        let unit_end = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let seconds_per_unit = match &rest[..unit_end] {
            "h" => 3600.0,
            "m" => 60.0,
            "s" => 1.0,
            "ms" => 1e-3,
            "us" | "µs" => 1e-6,
            "ns" => 1e-9,
            _ => return None,
        };
        total += number * seconds_per_unit;
        rest = &rest[unit_end..];
    }
    Duration::try_from_secs_f64(total).ok()
}
