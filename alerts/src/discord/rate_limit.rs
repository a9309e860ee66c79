//! Reading Discord's rate limits: how long a 429 says to wait (the body's `retry_after`, the
//! `Retry-After` header or `X-RateLimit-Reset-After`, whichever is longest: never sooner), and
//! when a successful answer says the bucket is empty, how long to pause before the next send.

use std::time::Duration;

use reqwest::header::HeaderMap;

/// When a 429 names no wait at all (a proxy's answer, say).
pub const DEFAULT_RATE_LIMIT_WAIT: Duration = Duration::from_secs(5);
/// A wait longer than this is a broken answer, not a plan.
const LONGEST_BELIEVABLE_WAIT: Duration = Duration::from_secs(24 * 3600);

fn seconds(text: &str) -> Option<Duration> {
    let value: f64 = text.trim().parse().ok()?;
    if !value.is_finite() || value < 0.0 {
        return None;
    }
    Some(
        Duration::try_from_secs_f64(value)
            .unwrap_or(LONGEST_BELIEVABLE_WAIT)
            .min(LONGEST_BELIEVABLE_WAIT),
    )
}

fn header_seconds(headers: &HeaderMap, name: &str) -> Option<Duration> {
    headers
        .get(name)
        .and_then(|value| value.to_str().ok())
        .and_then(seconds)
}

/// How long to wait after a 429 before trying again.
pub fn retry_after(headers: &HeaderMap, body: &[u8]) -> Duration {
    let from_body = serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|json| json.get("retry_after").and_then(serde_json::Value::as_f64))
        .and_then(|value| seconds(&value.to_string()));
    [
        from_body,
        header_seconds(headers, "retry-after"),
        header_seconds(headers, "x-ratelimit-reset-after"),
    ]
    .into_iter()
    .flatten()
    .max()
    .unwrap_or(DEFAULT_RATE_LIMIT_WAIT)
}

/// After a success: the pause before the next request when the bucket has no request left.
pub fn pause_after_success(headers: &HeaderMap) -> Option<Duration> {
    let remaining = headers
        .get("x-ratelimit-remaining")?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()?;
    if remaining > 0 {
        return None;
    }
    header_seconds(headers, "x-ratelimit-reset-after")
}

#[cfg(test)]
mod tests;
