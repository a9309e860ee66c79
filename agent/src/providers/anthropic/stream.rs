//! Reads Anthropic's streamed message (`research/providers.md` §4.2 recorded stream, §4.3, §5;
//! platform.claude.com/docs/build-with-claude/streaming; anthropic-sdk-python
//! `lib/streaming/_messages.py`, `types/message_delta_usage.py`): `message_start` gives the
//! model and the input usage (its `output_tokens` is a placeholder), `text_delta`s the text,
//! `message_delta` the stop reason and the CUMULATIVE output count (replaced, never added; its
//! input fields overwrite when present), `message_stop` ends. `ping` and other deltas are
//! skipped; `event: error` (even after HTTP 200) fails the answer, keeping the usage read.

use serde::Deserialize;
use settings::Secret;

use super::super::sse::SseStream;
use super::super::transport_error::{Phase, failure, from_reqwest, partial, redact};
use super::super::{Completion, ProviderError, ProviderErrorKind};
use super::usage::{Usage, UsageSoFar};
use crate::backend::{LinkGone, Tokens};

#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum StreamEvent {
    MessageStart {
        message: StartedMessage,
    },
    ContentBlockDelta {
        delta: Delta,
    },
    MessageDelta {
        #[serde(default)]
        delta: Option<MessageChange>,
        #[serde(default)]
        usage: Option<Usage>,
    },
    MessageStop,
    Error {
        error: ErrorBody,
    },
    #[serde(other)]
    Other,
}

#[derive(Debug, Deserialize)]
struct StartedMessage {
    #[serde(default)]
    model: String,
    #[serde(default)]
    usage: Option<Usage>,
}

#[derive(Debug, Deserialize)]
struct Delta {
    #[serde(rename = "type", default)]
    kind: String,
    #[serde(default)]
    text: String,
}

#[derive(Debug, Deserialize)]
struct MessageChange {
    #[serde(default)]
    stop_reason: Option<String>,
}

#[derive(Debug, Deserialize)]
struct ErrorBody {
    #[serde(rename = "type", default)]
    kind: String,
    #[serde(default)]
    message: String,
}

pub(super) async fn read(
    response: reqwest::Response,
    tokens: &mut Tokens,
    api_key: &Secret,
    request_timeout: std::time::Duration,
) -> Result<Result<Completion, ProviderError>, LinkGone> {
    let mut events = SseStream::new(response);
    let mut completion = Completion::default();
    let mut usage = UsageSoFar::default();
    loop {
        let event = match events.next_event().await {
            Ok(Some(event)) => event,
            Ok(None) => break,
            Err(error) => {
                let partial_usage = partial(&usage.token_usage());
                return Ok(Err(from_reqwest(
                    &error,
                    request_timeout,
                    Phase::Reading,
                    partial_usage,
                )));
            }
        };
        let parsed = match serde_json::from_str::<StreamEvent>(&event.data) {
            Ok(parsed) => parsed,
            Err(error) => {
                let message = format!(
                    "anthropic sent an {:?} event that cannot be read: {error}",
                    event.event
                );
                return Ok(Err(with_usage(
                    ProviderErrorKind::Malformed,
                    message,
                    &usage,
                )));
            }
        };
        match parsed {
            StreamEvent::MessageStart { message } => {
                completion.model = message.model;
                if let Some(start) = message.usage {
                    usage.overwrite_input(&start);
                    tokens.report_usage_so_far(partial(&usage.token_usage()));
                }
            }
            StreamEvent::ContentBlockDelta { delta } if delta.kind == "text_delta" => {
                tokens.send(delta.text).await?;
            }
            StreamEvent::MessageDelta {
                delta,
                usage: reported,
            } => {
                if let Some(reason) = delta.and_then(|delta| delta.stop_reason) {
                    completion.stop_reason = reason;
                }
                if let Some(reported) = reported {
                    usage.apply_delta(&reported);
                    tokens.report_usage_so_far(partial(&usage.token_usage()));
                }
            }
            StreamEvent::MessageStop => {
                completion.usage = usage.token_usage();
                return Ok(Ok(completion));
            }
            StreamEvent::Error { error } => return Ok(Err(stream_error(error, api_key, &usage))),
            StreamEvent::ContentBlockDelta { .. } | StreamEvent::Other => {}
        }
    }
    let message = "anthropic's stream ended before message_stop".to_owned();
    Ok(Err(with_usage(
        ProviderErrorKind::Interrupted,
        message,
        &usage,
    )))
}

fn with_usage(kind: ProviderErrorKind, message: String, usage: &UsageSoFar) -> ProviderError {
    ProviderError {
        partial_usage: partial(&usage.token_usage()),
        ..failure(kind, message)
    }
}

/// `event: error`: an overload or a rate limit is what it says; anything else broke the answer.
fn stream_error(error: ErrorBody, api_key: &Secret, usage: &UsageSoFar) -> ProviderError {
    let kind = match error.kind.as_str() {
        "overloaded_error" => ProviderErrorKind::Overloaded,
        "rate_limit_error" => ProviderErrorKind::RateLimited { retry_after: None },
        _ => ProviderErrorKind::Interrupted,
    };
    ProviderError {
        error_type: error.kind,
        ..with_usage(kind, redact(&error.message, api_key), usage)
    }
}
