//! Rewriting a native Ollama reply into the OpenAI one, as Ollama's `ChatWriter` and
//! `BaseWriter.writeError` do (ollama/ollama `middleware/openai.go`, `openai/openai.go`;
//! docs/openai.md): an error body becomes `{"error": {...}}` with the same status, a single
//! `/api/chat` object becomes a `chat.completion`, and each NDJSON line of a stream becomes one
//! `data: {chat.completion.chunk}` event, followed by the usage chunk when
//! `stream_options.include_usage` asks for it and then `data: [DONE]`.

use std::io;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::Json;
use axum::body::{Body, Bytes, to_bytes};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures::StreamExt as _;
use serde::Serialize;
use serde_json::Value;

use super::answer::stable_hash;
use super::openai_wire::{
    ChatCompletion, ChatCompletionChunk, Choice, ChunkChoice, OpenAiErrorBody, OpenAiMessage,
    SYSTEM_FINGERPRINT, Usage, openai_error,
};

/// The stand-in's own replies are small; this only bounds a runaway body.
const NATIVE_BODY_LIMIT: usize = 64 * 1024 * 1024;

/// Seconds since the epoch, for `created`.
pub(crate) fn unix_seconds(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs())
}

/// A native reply's body, read whole.
pub(crate) async fn native_json(response: Response) -> Result<Value, Response> {
    let bytes = to_bytes(response.into_body(), NATIVE_BODY_LIMIT)
        .await
        .map_err(|error| openai_error(StatusCode::INTERNAL_SERVER_ERROR, error.to_string()))?;
    serde_json::from_slice(&bytes)
        .map_err(|error| openai_error(StatusCode::INTERNAL_SERVER_ERROR, error.to_string()))
}

/// A native error reply in OpenAI's shape, keeping the status; a body that is not Ollama's
/// `{"error": ...}` becomes the message as it is, as in `writeError`.
pub(crate) async fn openai_error_from_native(response: Response) -> Response {
    let status = response.status();
    let bytes = to_bytes(response.into_body(), NATIVE_BODY_LIMIT)
        .await
        .unwrap_or_default();
    let message = serde_json::from_slice::<Value>(&bytes)
        .ok()
        .and_then(|body| body.get("error")?.as_str().map(str::to_string))
        .unwrap_or_else(|| String::from_utf8_lossy(&bytes).into_owned());
    openai_error(status, message)
}

/// Writes one chat completion: its id (`chatcmpl-NNN`, as random as Ollama's `rand.Intn(999)`)
/// and creation time are fixed when the request arrives.
pub(crate) struct ChatReplyWriter {
    id: String,
    created: u64,
    include_usage: bool,
}

impl ChatReplyWriter {
    pub fn new(include_usage: bool) -> Self {
        let now = SystemTime::now();
        let nanos = now
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_nanos());
        Self {
            id: format!("chatcmpl-{}", stable_hash(&nanos.to_string()) % 999),
            created: unix_seconds(now),
            include_usage,
        }
    }

    /// A `"stream": false` reply from the native single object.
    pub async fn single(self, native: Response) -> Response {
        let reply = match native_json(native).await {
            Ok(reply) => reply,
            Err(failure) => return failure,
        };
        let content = text_at(&reply, &["message", "content"]);
        Json(ChatCompletion {
            id: self.id,
            object: "chat.completion",
            created: self.created,
            model: text_at(&reply, &["model"]),
            system_fingerprint: SYSTEM_FINGERPRINT,
            choices: vec![Choice {
                index: 0,
                message: OpenAiMessage {
                    role: "assistant",
                    content,
                },
                finish_reason: finish_reason(&reply),
            }],
            usage: usage_of(&reply),
        })
        .into_response()
    }

    /// A server-sent event stream translated line by line from the native NDJSON stream, so
    /// every token leaves as soon as the generation produces it.
    pub fn stream(self, native: Response) -> Response {
        let lines = native.into_body().into_data_stream();
        let translation = Translation {
            writer: self,
            pending: Vec::new(),
            over: false,
        };
        let events = futures::stream::unfold(
            (lines, translation),
            |(mut lines, mut translation)| async move {
                loop {
                    if translation.over {
                        return None;
                    }
                    if let Some(events) = translation.next_complete_line() {
                        return Some((Ok(events), (lines, translation)));
                    }
                    match lines.next().await {
                        Some(Ok(bytes)) => translation.pending.extend_from_slice(&bytes),
                        // The generation was cut (the stand-in stopped answering): abort ours too,
                        // so the client sees a dropped connection rather than a clean end.
                        Some(Err(error)) => {
                            translation.over = true;
                            let cut =
                                io::Error::new(io::ErrorKind::ConnectionAborted, error.to_string());
                            return Some((Err(cut), (lines, translation)));
                        }
                        None => return None,
                    }
                }
            },
        );
        (
            [(header::CONTENT_TYPE, "text/event-stream")],
            Body::from_stream(events),
        )
            .into_response()
    }

    fn chunk(&self, model: String, choices: Vec<ChunkChoice>, usage: Option<Usage>) -> Bytes {
        event(&ChatCompletionChunk {
            id: self.id.clone(),
            object: "chat.completion.chunk",
            created: self.created,
            model,
            system_fingerprint: SYSTEM_FINGERPRINT,
            choices,
            usage,
        })
    }
}

/// The state of one stream's translation: bytes not yet forming a whole line, and whether the
/// last event went out.
struct Translation {
    writer: ChatReplyWriter,
    pending: Vec<u8>,
    over: bool,
}

impl Translation {
    /// The events for the next whole native line, if one has arrived.
    fn next_complete_line(&mut self) -> Option<Bytes> {
        let end = self.pending.iter().position(|byte| *byte == b'\n')?;
        let line: Vec<u8> = self.pending.drain(..=end).collect();
        let native: Value = match serde_json::from_slice(&line[..end]) {
            Ok(native) => native,
            Err(error) => Value::from_iter([("error", error.to_string())]),
        };
        Some(self.events_for(&native))
    }

    fn events_for(&mut self, native: &Value) -> Bytes {
        // A model failing mid-stream: Ollama's line is `{"error": ...}`. The stand-in passes it
        // on as an OpenAI error event and ends without `[DONE]`, so the client sees the failure.
        if let Some(message) = native.get("error").and_then(Value::as_str) {
            self.over = true;
            return event(&OpenAiErrorBody::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                message,
            ));
        }
        let model = text_at(native, &["model"]);
        let choice = ChunkChoice {
            index: 0,
            delta: OpenAiMessage {
                role: "assistant",
                content: text_at(native, &["message", "content"]),
            },
            finish_reason: finish_reason(native),
        };
        let mut events = self
            .writer
            .chunk(model.clone(), vec![choice], None)
            .to_vec();
        if native.get("done").and_then(Value::as_bool) == Some(true) {
            self.over = true;
            if self.writer.include_usage {
                let usage = Some(usage_of(native));
                events.extend_from_slice(&self.writer.chunk(model, Vec::new(), usage));
            }
            events.extend_from_slice(b"data: [DONE]\n\n");
        }
        Bytes::from(events)
    }
}

/// `data: {json}` and the blank line that ends a server-sent event.
fn event<T: Serialize>(value: &T) -> Bytes {
    let json = serde_json::to_string(value).unwrap_or_else(|error| {
        format!("{{\"error\":{{\"message\":\"could not serialise: {error}\"}}}}")
    });
    Bytes::from(format!("data: {json}\n\n"))
}

fn text_at(value: &Value, path: &[&str]) -> String {
    path.iter()
        .try_fold(value, |inner, key| inner.get(key))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// `done_reason` as `finish_reason`: `null` until the generation is over.
fn finish_reason(native: &Value) -> Option<String> {
    let reason = native.get("done_reason")?.as_str()?;
    (!reason.is_empty()).then(|| reason.to_string())
}

fn usage_of(native: &Value) -> Usage {
    let count = |field: &str| native.get(field).and_then(Value::as_u64).unwrap_or(0);
    Usage::new(count("prompt_eval_count"), count("eval_count"))
}
