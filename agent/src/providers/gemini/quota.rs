//! The facts of a Gemini rate limit (HTTP 429 `RESOURCE_EXHAUSTED`), which Google gives only in
//! the body (no `retry-after` or `x-ratelimit-*` headers; providers.md §3.4): the wait from the
//! `google.rpc.RetryInfo` detail's `retryDelay` (a protobuf `Duration` in JSON: decimal seconds
//! and an `s`, per protobuf.dev/programming-guides/proto3/#json), else from the message's
//! "Please retry in 41.528s."; and which quota ran out from each `google.rpc.QuotaFailure`
//! violation's `quotaId` (a `…PerDay…` id is a daily quota, a `…PerMinute…` one passes soon).

use std::time::Duration;

use super::wire::ErrorStatus;

/// The wait Google asks for, if it says.
pub(super) fn retry_after(error: &ErrorStatus) -> Option<Duration> {
    let from_detail = error
        .details
        .iter()
        .filter(|detail| detail.type_url.ends_with("google.rpc.RetryInfo"))
        .find_map(|detail| detail.retry_delay.as_deref())
        .and_then(parse_duration);
    from_detail.or_else(|| retry_in_message(&error.message))
}

/// Each violated quota as (its `quotaId`, its `quotaValue` or empty).
pub(super) fn limits(error: &ErrorStatus) -> Vec<(String, String)> {
    error
        .details
        .iter()
        .flat_map(|detail| &detail.violations)
        .filter_map(|violation| {
            let quota_id = violation.quota_id.clone()?;
            Some((quota_id, violation.quota_value.clone().unwrap_or_default()))
        })
        .collect()
}

/// `"41s"`, `"0.5s"`, `"41.528s"`, `"500ms"`.
fn parse_duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    let (number, scale) = match text.strip_suffix("ms") {
        Some(milliseconds) => (milliseconds, 1e-3),
        None => (text.strip_suffix('s')?, 1.0),
    };
    let seconds: f64 = number.trim().parse().ok()?;
    Duration::try_from_secs_f64(seconds * scale).ok()
}

/// The wait in "… Please retry in 41.528s." (the words of Google's 429 message).
fn retry_in_message(message: &str) -> Option<Duration> {
    let (_, after) = message.split_once("retry in ")?;
    let end = after
        .find(|character: char| !(character.is_ascii_alphanumeric() || character == '.'))
        .unwrap_or(after.len());
    parse_duration(after[..end].trim_end_matches('.'))
}
