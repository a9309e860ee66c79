//! Turning a generation into Ollama's reply: a stream of NDJSON lines (`application/x-ndjson`)
//! by default, or one JSON object with `"stream": false`; the chat and generate flavours of each
//! line; and the single-object replies for loading and unloading a model.

use std::io;

use axum::Json;
use axum::body::{Body, Bytes};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::answer::context_token_ids;
use super::clock::now_rfc3339_utc;
use super::errors::{ollama_error, stopped_answering};
use super::generation::{FinishedGeneration, Generation, GenerationEvent};
use super::wire::{AssistantMessage, ChatChunk, GenerateChunk, Metrics};

/// Which endpoint's line shape to write.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Endpoint {
    Chat,
    Generate,
}

/// Writes the lines of one reply; `model` is echoed exactly as the client sent it, like Ollama.
#[derive(Clone, Debug)]
pub(crate) struct ChunkWriter {
    pub endpoint: Endpoint,
    pub model: String,
    pub prompt: String,
}

/// What the last object of a reply carries besides the text.
struct Ending {
    done_reason: &'static str,
    metrics: Metrics,
    /// Generate's token ids of prompt and answer; chat has none.
    context: Option<Vec<u64>>,
}

impl ChunkWriter {
    /// One object: a token while `ending` is `None`, the final object otherwise.
    fn chunk(&self, text: String, ending: Option<Ending>) -> Reply {
        let done_reason = ending.as_ref().map(|ending| ending.done_reason);
        let (metrics, context) = ending.map_or((Metrics::default(), None), |ending| {
            (ending.metrics, ending.context)
        });
        let (model, created_at) = (self.model.clone(), now_rfc3339_utc());
        match self.endpoint {
            Endpoint::Chat => Reply::Chat(ChatChunk {
                model,
                created_at,
                message: AssistantMessage {
                    role: "assistant",
                    content: text,
                },
                done_reason,
                done: done_reason.is_some(),
                metrics,
            }),
            Endpoint::Generate => Reply::Generate(GenerateChunk {
                model,
                created_at,
                response: text,
                done: done_reason.is_some(),
                done_reason,
                context,
                metrics,
            }),
        }
    }

    /// The last object: statistics, and for generate the `context` token ids. `text` is empty
    /// when streamed (the tokens went before) and the whole answer otherwise.
    fn final_chunk(&self, finished: &FinishedGeneration, text: String) -> Reply {
        let context = match self.endpoint {
            Endpoint::Chat => None,
            Endpoint::Generate => Some(context_token_ids(&self.prompt, &finished.text)),
        };
        let ending = Ending {
            done_reason: finished.done_reason,
            metrics: finished.metrics,
            context,
        };
        self.chunk(text, Some(ending))
    }

    /// The single object Ollama returns for a load (`done_reason: "load"`) or unload request.
    pub fn lifecycle_reply(&self, done_reason: &'static str) -> Response {
        let ending = Ending {
            done_reason,
            metrics: Metrics::default(),
            context: None,
        };
        self.chunk(String::new(), Some(ending)).into_response()
    }

    /// Streams the generation, or collects it into one object when `stream` is false.
    pub async fn respond(self, generation: Generation, stream: bool) -> Response {
        if stream {
            self.stream(generation).await
        } else {
            self.collect(generation).await
        }
    }

    async fn stream(self, mut generation: Generation) -> Response {
        // Ollama writes the status with its first line, so a failure before any token is still a
        // plain 500 error (routes.go `streamResponse`: `if !c.Writer.Written()`).
        let first_event = match generation.next_event().await {
            Some(GenerationEvent::Failed(message)) => {
                return ollama_error(StatusCode::INTERNAL_SERVER_ERROR, message);
            }
            None | Some(GenerationEvent::Killed) => return stopped_answering(),
            Some(event) => event,
        };
        let lines = futures::stream::unfold(
            (Some(first_event), generation, self),
            |(pending, mut generation, writer)| async move {
                let event = match pending {
                    Some(event) => event,
                    None => generation.next_event().await?,
                };
                let line = match event {
                    GenerationEvent::Token(token) => Ok(writer.chunk(token, None).line()),
                    GenerationEvent::Finished(finished) => {
                        Ok(writer.final_chunk(&finished, String::new()).line())
                    }
                    // Mid-stream, Ollama writes `{"error": ...}` as a line and ends the stream.
                    GenerationEvent::Failed(message) => {
                        Ok(json_line(&ErrorLine { error: message }))
                    }
                    // An error here makes hyper abort the connection instead of ending the body
                    // cleanly: the client sees a dropped stream, as with a crashed Ollama.
                    GenerationEvent::Killed => Err(io::Error::new(
                        io::ErrorKind::ConnectionAborted,
                        "the stand-in ollama stopped answering",
                    )),
                };
                Some((line, (None, generation, writer)))
            },
        );
        (
            [(header::CONTENT_TYPE, "application/x-ndjson")],
            Body::from_stream(lines),
        )
            .into_response()
    }

    async fn collect(self, mut generation: Generation) -> Response {
        loop {
            match generation.next_event().await {
                Some(GenerationEvent::Token(_)) => {}
                Some(GenerationEvent::Finished(finished)) => {
                    let text = finished.text.clone();
                    return self.final_chunk(&finished, text).into_response();
                }
                // With stream:false Ollama answers a model failure with 500 and the message.
                Some(GenerationEvent::Failed(message)) => {
                    return ollama_error(StatusCode::INTERNAL_SERVER_ERROR, message);
                }
                Some(GenerationEvent::Killed) | None => return stopped_answering(),
            }
        }
    }
}

#[derive(Serialize)]
struct ErrorLine {
    error: String,
}

/// A finished chunk of either flavour.
enum Reply {
    Chat(ChatChunk),
    Generate(GenerateChunk),
}

impl Reply {
    fn line(&self) -> Bytes {
        match self {
            Self::Chat(chunk) => json_line(chunk),
            Self::Generate(chunk) => json_line(chunk),
        }
    }
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        match self {
            Self::Chat(chunk) => Json(chunk).into_response(),
            Self::Generate(chunk) => Json(chunk).into_response(),
        }
    }
}

/// One NDJSON line: the object and a newline.
fn json_line<T: Serialize>(value: &T) -> Bytes {
    match serde_json::to_vec(value) {
        Ok(mut line) => {
            line.push(b'\n');
            Bytes::from(line)
        }
        // Our wire types are plain structs with string keys, which always serialise; should that
        // ever change, the client still gets a well-formed error line rather than garbage.
        Err(error) => {
            tracing::error!(%error, "stand-in ollama could not serialise a stream line");
            Bytes::from_static(b"{\"error\":\"stand-in ollama could not serialise a line\"}\n")
        }
    }
}
