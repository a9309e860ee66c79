//! Every Gemini failure as a [`ProviderError`]. Follows Google's error model
//! (cloud.google.com/apis/design/errors: the `{"error":{"code","message","status","details"}}`
//! envelope, `google.rpc.ErrorInfo`/`RetryInfo`/`QuotaFailure` details), the Gemini API's
//! troubleshooting page (ai.google.dev/gemini-api/docs/troubleshooting: 400 `INVALID_ARGUMENT`
//! / `FAILED_PRECONDITION`, 403 `PERMISSION_DENIED`, 404 `NOT_FOUND`, 429
//! `RESOURCE_EXHAUSTED`, 500 `INTERNAL`, 503 `UNAVAILABLE`) and providers.md §3.4 and §6: a bad
//! key is a 400 whose `ErrorInfo.reason` is `API_KEY_INVALID`, and the wait of a 429 is only in
//! the body. Any text from Google has the API key scrubbed before it is kept.

use std::time::Duration;

use proto::v1::TokenUsage;
use settings::Secret;

use super::quota;
use super::wire::{ErrorEnvelope, ErrorStatus};
use super::{ProviderError, ProviderErrorKind};

/// How much of an unreadable error body is kept as the message.
const BODY_EXCERPT_CHARS: usize = 300;

/// An error of our own making (no HTTP exchange behind it).
pub(super) fn local(kind: ProviderErrorKind, message: &str) -> ProviderError {
    ProviderError {
        kind,
        status: None,
        error_type: String::new(),
        code: String::new(),
        message: message.to_owned(),
        limits: Vec::new(),
        partial_usage: None,
    }
}

/// A non-2xx answer with its body.
pub(super) fn from_http(status: u16, body: &str, api_key: &Secret) -> ProviderError {
    let Ok(envelope) = serde_json::from_str::<ErrorEnvelope>(body) else {
        // Scrubbed before it is cut, so no piece of the key survives at the cut.
        let scrubbed = redact(body, api_key);
        let excerpt: String = scrubbed.chars().take(BODY_EXCERPT_CHARS).collect();
        let mut error = local(kind_of_status(status, None), &excerpt);
        error.status = Some(status);
        return error;
    };
    let error = envelope.error;
    let kind = kind_of_status(status, Some(&error));
    let mut classified = from_status(kind, &error, api_key);
    classified.status = Some(status);
    classified
}

/// A `{"error": …}` event after HTTP 200: the answer stopped. A quota or an overload keeps its
/// kind so the backend can wait or cool down; anything else is an interrupted answer.
pub(super) fn from_stream(
    error: &ErrorStatus,
    api_key: &Secret,
    partial_usage: Option<TokenUsage>,
) -> ProviderError {
    let kind = match error.status.as_str() {
        "RESOURCE_EXHAUSTED" => ProviderErrorKind::RateLimited {
            retry_after: quota::retry_after(error),
        },
        "UNAVAILABLE" => ProviderErrorKind::Overloaded,
        _ => ProviderErrorKind::Interrupted,
    };
    let mut classified = from_status(kind, error, api_key);
    // No HTTP status says which error this was (the answer began with 200): keep Google's code.
    if classified.code.is_empty() {
        classified.code = error.code.map(|code| code.to_string()).unwrap_or_default();
    }
    classified.partial_usage = partial_usage;
    classified
}

/// A request that failed below HTTP: no connection, no byte in time, a broken body.
pub(super) fn from_transport(
    error: &reqwest::Error,
    request_timeout: Duration,
    api_key: &Secret,
    partial_usage: Option<TokenUsage>,
) -> ProviderError {
    let (kind, message) = if error.is_timeout() {
        let message = format!(
            "gemini sent nothing for {request_timeout:?} (request_timeout); raise \
             request_timeout if its answers are this slow"
        );
        (ProviderErrorKind::Timeout, message)
    } else if error.is_connect() {
        let message = format!("cannot reach gemini: {}", chain(error));
        (ProviderErrorKind::Unreachable, message)
    } else if partial_usage.is_some() || error.is_body() || error.is_decode() {
        let message = format!("gemini's answer broke off: {}", chain(error));
        (ProviderErrorKind::Interrupted, message)
    } else {
        let message = format!("the request to gemini failed: {}", chain(error));
        (ProviderErrorKind::Unreachable, message)
    };
    let mut classified = local(kind, &redact(&message, api_key));
    classified.partial_usage = partial_usage;
    classified
}

fn from_status(kind: ProviderErrorKind, error: &ErrorStatus, api_key: &Secret) -> ProviderError {
    let reason = error
        .details
        .iter()
        .find_map(|detail| detail.reason.clone());
    ProviderError {
        kind,
        status: None,
        error_type: error.status.clone(),
        code: reason.unwrap_or_default(),
        message: redact(&error.message, api_key),
        limits: quota::limits(error),
        partial_usage: None,
    }
}

fn kind_of_status(status: u16, error: Option<&ErrorStatus>) -> ProviderErrorKind {
    let rpc_status = error.map_or("", |error| error.status.as_str());
    match status {
        _ if error.is_some_and(key_invalid) => ProviderErrorKind::KeyRejected,
        401 | 403 => ProviderErrorKind::KeyRejected,
        404 => ProviderErrorKind::ModelGone,
        429 => ProviderErrorKind::RateLimited {
            retry_after: error.and_then(quota::retry_after),
        },
        _ if rpc_status == "RESOURCE_EXHAUSTED" => ProviderErrorKind::RateLimited {
            retry_after: error.and_then(quota::retry_after),
        },
        500..=599 => ProviderErrorKind::Overloaded,
        _ => ProviderErrorKind::BadRequest,
    }
}

/// A key problem is named by its `ErrorInfo.reason`: `API_KEY_INVALID`, and its kin
/// (`API_KEY_EXPIRED`…) should Google ever send them.
fn key_invalid(error: &ErrorStatus) -> bool {
    error
        .details
        .iter()
        .filter_map(|detail| detail.reason.as_deref())
        .any(|reason| reason.starts_with("API_KEY_"))
}

/// `text` with every occurrence of the key replaced by `***`.
pub(super) fn redact(text: &str, api_key: &Secret) -> String {
    let key = api_key.expose();
    if key.is_empty() {
        return text.to_owned();
    }
    text.replace(key, "***")
}

/// The error's message and the messages of its causes, outermost first.
fn chain(error: &reqwest::Error) -> String {
    let mut words = error.to_string();
    let mut cause = std::error::Error::source(error);
    while let Some(inner) = cause {
        words.push_str(": ");
        words.push_str(&inner.to_string());
        cause = inner.source();
    }
    words
}
