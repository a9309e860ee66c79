//! What the Groq and Anthropic clients share about HTTP itself: the one `reqwest::Client` a
//! vendor client is built on (connect and read timeouts from `request_timeout`, as the vendors'
//! SDKs time out a wait for the next byte, not a whole stream), a transport failure read as a
//! [`ProviderError`], and the scrubbing of the API key out of anything a vendor says back.

use std::time::Duration;

use proto::v1::TokenUsage;
use settings::Secret;

use super::{ProviderError, ProviderErrorKind, ProviderSettings};
use crate::error_chain::innermost_cause;

/// The longest wait for a connection, whatever `request_timeout` says (the SDKs' 5 s).
const CONNECT_TIMEOUT_CAP: Duration = Duration::from_secs(5);

/// How much of an unreadable error body is kept as the message.
const BODY_SNIPPET_CHARS: usize = 300;

#[expect(
    clippy::result_large_err,
    reason = "ProviderError is returned by value across the shared provider interface (api.rs)"
)]
pub(crate) fn http_client(settings: &ProviderSettings) -> Result<reqwest::Client, ProviderError> {
    reqwest::Client::builder()
        .connect_timeout(settings.request_timeout.min(CONNECT_TIMEOUT_CAP))
        .read_timeout(settings.request_timeout)
        .build()
        .map_err(|error| {
            failure(
                ProviderErrorKind::Unreachable,
                format!("cannot build the http client: {}", innermost_cause(&error)),
            )
        })
}

/// A failure with no HTTP status and no vendor words.
pub(crate) fn failure(kind: ProviderErrorKind, message: String) -> ProviderError {
    ProviderError {
        kind,
        status: None,
        error_type: String::new(),
        code: String::new(),
        message,
        limits: Vec::new(),
        partial_usage: None,
    }
}

/// Where in a call a transport error happened: before any answer, or while reading one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phase {
    Sending,
    Reading,
}

/// A reqwest failure: no byte in time is `Timeout`; a refused or broken connection before the
/// answer is `Unreachable`; a connection that broke while the answer streamed is `Interrupted`.
pub(crate) fn from_reqwest(
    error: &reqwest::Error,
    request_timeout: Duration,
    phase: Phase,
    partial_usage: Option<TokenUsage>,
) -> ProviderError {
    let cause = innermost_cause(error);
    let (kind, message) = if error.is_timeout() {
        (
            ProviderErrorKind::Timeout,
            format!(
                "no answer within {request_timeout:?} (request_timeout); raise request_timeout if the provider is just slow"
            ),
        )
    } else if error.is_decode() {
        (
            ProviderErrorKind::Malformed,
            format!("cannot read the answer: {cause}"),
        )
    } else if phase == Phase::Reading {
        (
            ProviderErrorKind::Interrupted,
            format!("the answer broke off: {cause}"),
        )
    } else {
        (
            ProviderErrorKind::Unreachable,
            format!("cannot reach the provider: {cause}"),
        )
    };
    ProviderError {
        partial_usage,
        ..failure(kind, message)
    }
}

/// `text` with the key replaced by `***` wherever it appears.
pub(crate) fn redact(text: &str, api_key: &Secret) -> String {
    let key = api_key.expose();
    if key.is_empty() {
        return text.to_owned();
    }
    text.replace(key, "***")
}

/// The first characters of a body that was not the vendor's error envelope.
pub(crate) fn body_snippet(body: &str) -> String {
    body.chars().take(BODY_SNIPPET_CHARS).collect()
}

/// A `retry-after` header in seconds (may be fractional); `None` for anything else (an HTTP
/// date, a negative or absurd number).
pub(crate) fn retry_after_seconds(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers.get("retry-after")?.to_str().ok()?;
    let seconds: f64 = value.trim().parse().ok()?;
    Duration::try_from_secs_f64(seconds).ok()
}

/// Every header whose name starts with `prefix`, as (name, value), in the answer's order.
pub(crate) fn headers_with_prefix(
    headers: &reqwest::header::HeaderMap,
    prefix: &str,
) -> Vec<(String, String)> {
    headers
        .iter()
        .filter(|(name, _)| name.as_str().starts_with(prefix))
        .map(|(name, value)| {
            (
                name.as_str().to_owned(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            )
        })
        .collect()
}

/// The usage read so far, or `None` when the provider said nothing yet.
pub(crate) fn partial(usage: &TokenUsage) -> Option<TokenUsage> {
    (*usage != TokenUsage::default()).then_some(*usage)
}

#[cfg(test)]
mod tests;
