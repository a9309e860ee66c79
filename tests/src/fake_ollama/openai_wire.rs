//! The JSON shapes of Ollama's OpenAI compatibility layer, field for field as Ollama's Go types
//! serialise them (ollama/ollama `openai/openai.go`, documented in docs/openai.md): chat
//! completions and their stream chunks, usage, the model list, embeddings, and the error body
//! `{"error": {"message", "type", "param", "code"}}` with the type chosen from the status.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// Every completion Ollama writes carries this `system_fingerprint`.
pub(crate) const SYSTEM_FINGERPRINT: &str = "fp_ollama";

/// The assistant's message (`message` in a completion, `delta` in a chunk); `content` is always
/// present, even when empty, since Go's `Content any` has no `omitempty`.
#[derive(Debug, Serialize)]
pub(crate) struct OpenAiMessage {
    pub role: &'static str,
    pub content: String,
}

/// Go `openai.Usage`.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub(crate) struct Usage {
    pub prompt_tokens: u64,
    pub completion_tokens: u64,
    pub total_tokens: u64,
}

impl Usage {
    pub fn new(prompt_tokens: u64, completion_tokens: u64) -> Self {
        Self {
            prompt_tokens,
            completion_tokens,
            total_tokens: prompt_tokens + completion_tokens,
        }
    }
}

/// Go `openai.Choice`: `finish_reason` is `null` until the answer is over.
#[derive(Debug, Serialize)]
pub(crate) struct Choice {
    pub index: u32,
    pub message: OpenAiMessage,
    pub finish_reason: Option<String>,
}

/// Go `openai.ChatCompletion`, the `"stream": false` reply; `usage` is always present.
#[derive(Debug, Serialize)]
pub(crate) struct ChatCompletion {
    pub id: String,
    pub object: &'static str,
    pub created: u64,
    pub model: String,
    pub system_fingerprint: &'static str,
    pub choices: Vec<Choice>,
    pub usage: Usage,
}

/// Go `openai.ChunkChoice`.
#[derive(Debug, Serialize)]
pub(crate) struct ChunkChoice {
    pub index: u32,
    pub delta: OpenAiMessage,
    pub finish_reason: Option<String>,
}

/// Go `openai.ChatCompletionChunk`, one `data:` event; `usage` only on the extra last chunk
/// that `stream_options.include_usage` asks for (whose `choices` is then empty).
#[derive(Debug, Serialize)]
pub(crate) struct ChatCompletionChunk {
    pub id: String,
    pub object: &'static str,
    pub created: u64,
    pub model: String,
    pub system_fingerprint: &'static str,
    pub choices: Vec<ChunkChoice>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usage: Option<Usage>,
}

/// Go `openai.Model`, one entry of `/v1/models` and the `/v1/models/{model}` reply.
#[derive(Debug, Serialize)]
pub(crate) struct OpenAiModel {
    pub id: String,
    pub object: &'static str,
    pub created: u64,
    pub owned_by: String,
}

/// Go `openai.ListCompletion`; `data` is `null` with no model installed (a nil Go slice).
#[derive(Debug, Serialize)]
pub(crate) struct ModelListReply {
    pub object: &'static str,
    pub data: Option<Vec<OpenAiModel>>,
}

/// Go `openai.Embedding`: a float array, or a base64 string with `encoding_format: base64`.
#[derive(Debug, Serialize)]
pub(crate) struct Embedding {
    pub object: &'static str,
    pub embedding: serde_json::Value,
    pub index: usize,
}

/// Go `openai.EmbeddingUsage`.
#[derive(Debug, Serialize)]
pub(crate) struct EmbeddingUsage {
    pub prompt_tokens: u64,
    pub total_tokens: u64,
}

/// Go `openai.EmbeddingList`; `data` is `null` when nothing was embedded.
#[derive(Debug, Serialize)]
pub(crate) struct EmbeddingList {
    pub object: &'static str,
    pub data: Option<Vec<Embedding>>,
    pub model: String,
    pub usage: EmbeddingUsage,
}

/// Go `openai.Error`: `param` and `code` are always `null` in what Ollama sends.
#[derive(Debug, Serialize)]
pub(crate) struct OpenAiError {
    pub message: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub param: Option<String>,
    pub code: Option<String>,
}

/// Go `openai.ErrorResponse`.
#[derive(Debug, Serialize)]
pub(crate) struct OpenAiErrorBody {
    pub error: OpenAiError,
}

impl OpenAiErrorBody {
    /// `openai.NewError`: 400 is `invalid_request_error`, 404 `not_found_error`, the rest
    /// `api_error`.
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        let kind = match status {
            StatusCode::BAD_REQUEST => "invalid_request_error",
            StatusCode::NOT_FOUND => "not_found_error",
            _ => "api_error",
        };
        Self {
            error: OpenAiError {
                message: message.into(),
                kind,
                param: None,
                code: None,
            },
        }
    }
}

/// An OpenAI-shaped error reply with `status`.
pub(crate) fn openai_error(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(OpenAiErrorBody::new(status, message))).into_response()
}
