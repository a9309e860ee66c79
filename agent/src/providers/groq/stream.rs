//! Reads Groq's streamed chat completion (`research/providers.md` §2.2 recorded stream, §2.3,
//! §5; groq-python `types/chat/chat_completion_chunk.py` and `_streaming.py`): text from
//! `choices[0].delta.content`, the answering `model`, `finish_reason`, and the usage read once.
//! With `include_usage` the finish chunk carries `usage` and `x_groq.usage` and a `choices: []`
//! chunk repeats `usage`; without it only `x_groq.usage` comes: the last non-empty one wins,
//! never a sum. `data: [DONE]` ends the stream; `data: {"error":…}` or `x_groq.error` stops it.

use proto::v1::TokenUsage;
use serde::Deserialize;
use serde_json::Value;
use settings::Secret;

use super::super::sse::SseStream;
use super::super::transport_error::{Phase, failure, from_reqwest, partial, redact};
use super::super::{Completion, ProviderError, ProviderErrorKind};
use super::usage::Usage;
use crate::backend::{LinkGone, Tokens};

#[derive(Debug, Deserialize)]
struct Chunk {
    #[serde(default)]
    model: Option<String>,
    #[serde(default)]
    choices: Vec<Choice>,
    #[serde(default)]
    usage: Option<Usage>,
    #[serde(default)]
    x_groq: Option<XGroq>,
    #[serde(default)]
    error: Option<Value>,
}

#[derive(Debug, Deserialize)]
struct Choice {
    #[serde(default)]
    delta: Option<Delta>,
    #[serde(default)]
    finish_reason: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Delta {
    #[serde(default)]
    content: Option<String>,
}

#[derive(Debug, Deserialize)]
struct XGroq {
    #[serde(default)]
    usage: Option<Usage>,
    #[serde(default)]
    error: Option<Value>,
}

/// Streams the answer's text to `tokens` and returns the completion, or the failure with the
/// usage read before it.
pub(super) async fn read(
    response: reqwest::Response,
    tokens: &mut Tokens,
    api_key: &Secret,
    request_timeout: std::time::Duration,
) -> Result<Result<Completion, ProviderError>, LinkGone> {
    let mut events = SseStream::new(response);
    let mut completion = Completion::default();
    let mut finished = false;
    loop {
        let event = match events.next_event().await {
            Ok(Some(event)) => event,
            Ok(None) => break,
            Err(error) => {
                let usage = partial(&completion.usage);
                return Ok(Err(from_reqwest(
                    &error,
                    request_timeout,
                    Phase::Reading,
                    usage,
                )));
            }
        };
        let data = event.data.trim();
        if data == "[DONE]" {
            return Ok(Ok(completion));
        }
        if event.event == "error" {
            // groq-python raises on an `event: error` too, though Groq's stream names no events.
            let value =
                serde_json::from_str::<Value>(data).unwrap_or(Value::String(data.to_owned()));
            let error = value.get("error").cloned().unwrap_or(value);
            return Ok(Err(stream_error(&error, api_key, &completion)));
        }
        let chunk: Chunk = match serde_json::from_str(data) {
            Ok(chunk) => chunk,
            Err(error) => {
                let message = format!("groq sent a chunk that is not JSON: {error}");
                return Ok(Err(with_usage(
                    ProviderErrorKind::Malformed,
                    message,
                    &completion,
                )));
            }
        };
        let in_band_error = chunk
            .error
            .or(chunk.x_groq.as_ref().and_then(|x| x.error.clone()));
        if let Some(error) = in_band_error {
            return Ok(Err(stream_error(&error, api_key, &completion)));
        }
        if let Some(model) = chunk.model.filter(|model| !model.is_empty()) {
            completion.model = model;
        }
        let usage = chunk.usage.or(chunk.x_groq.and_then(|x| x.usage));
        // Last non-empty wins: the same totals come up to three times, never to be added.
        let usage = usage.map(Usage::into_token_usage).unwrap_or_default();
        if usage != TokenUsage::default() {
            completion.usage = usage;
        }
        if let Some(choice) = chunk.choices.into_iter().next() {
            if let Some(text) = choice.delta.and_then(|delta| delta.content) {
                tokens.send(text).await?;
            }
            if let Some(reason) = choice.finish_reason.filter(|reason| !reason.is_empty()) {
                completion.stop_reason = reason;
                finished = true;
            }
        }
    }
    if finished {
        // The connection closed after the finish chunk but before `[DONE]`: every word and the
        // usage (on the finish chunk) were read.
        return Ok(Ok(completion));
    }
    let message = "groq's stream ended before its finish chunk and [DONE]".to_owned();
    Ok(Err(with_usage(
        ProviderErrorKind::Interrupted,
        message,
        &completion,
    )))
}

fn with_usage(kind: ProviderErrorKind, message: String, completion: &Completion) -> ProviderError {
    ProviderError {
        partial_usage: partial(&completion.usage),
        ..failure(kind, message)
    }
}

/// `{"error": {"message", "type", "code"}}` in a data line, or the string `x_groq.error`.
fn stream_error(error: &Value, api_key: &Secret, completion: &Completion) -> ProviderError {
    let text = |field: &str| error.get(field).and_then(Value::as_str).unwrap_or_default();
    let message = match error {
        Value::String(message) => message.clone(),
        _ if !text("message").is_empty() => text("message").to_owned(),
        other => other.to_string(),
    };
    ProviderError {
        error_type: text("type").to_owned(),
        code: text("code").to_owned(),
        ..with_usage(
            ProviderErrorKind::Interrupted,
            redact(&format!("groq stopped the stream: {message}"), api_key),
            completion,
        )
    }
}
