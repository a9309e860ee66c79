//! `POST /v1/embeddings`: Ollama's OpenAI-compatible embeddings (ollama/ollama docs/openai.md,
//! `middleware/openai.go` `EmbeddingsMiddleware`, `openai.ToEmbeddingList`). As in Ollama, the
//! request is checked, translated into an `/api/embed` request and served by the native handler,
//! so the vectors are [`super::expected_embedding`]'s; `encoding_format: base64` packs them as
//! little-endian `f32`s.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use serde::Deserialize;
use serde_json::{Value, json};

use super::openai_reply::{native_json, openai_error_from_native};
use super::openai_request::parse_openai_body;
use super::openai_wire::{Embedding, EmbeddingList, EmbeddingUsage, openai_error};
use super::post_embed;
use super::state::SharedState;

#[derive(Debug, Deserialize)]
struct EmbeddingsRequest {
    #[serde(default)]
    model: String,
    #[serde(default)]
    input: Value,
    dimensions: Option<i64>,
    #[serde(default)]
    encoding_format: String,
}

pub(crate) async fn handle(State(state): State<Arc<SharedState>>, body: Bytes) -> Response {
    let request: EmbeddingsRequest = match parse_openai_body(&body) {
        Ok(request) => request,
        Err(refused) => return openai_error(refused.status, refused.message),
    };
    let format = request.encoding_format.to_ascii_lowercase();
    if !matches!(format.as_str(), "" | "float" | "base64") {
        let message = format!(
            "Invalid value for 'encoding_format' = {}. Supported values: ['float', 'base64'].",
            request.encoding_format
        );
        return openai_error(StatusCode::BAD_REQUEST, message);
    }
    let input = match request.input {
        Value::String(text) if text.is_empty() => json!([""]),
        Value::Null => return openai_error(StatusCode::BAD_REQUEST, "invalid input"),
        Value::Array(items) if items.is_empty() => {
            return openai_error(StatusCode::BAD_REQUEST, "invalid input");
        }
        input => input,
    };
    let native_request = json!({"model": request.model, "input": input,
        "dimensions": request.dimensions.unwrap_or(0)});
    let native = post_embed::handle(State(state), Bytes::from(native_request.to_string())).await;
    if native.status() != StatusCode::OK {
        return openai_error_from_native(native).await;
    }
    let reply = match native_json(native).await {
        Ok(reply) => reply,
        Err(failure) => return failure,
    };
    let vectors = reply["embeddings"].as_array().cloned().unwrap_or_default();
    let data: Vec<Embedding> = vectors
        .into_iter()
        .enumerate()
        .map(|(index, vector)| Embedding {
            object: "embedding",
            embedding: if format == "base64" {
                Value::String(packed_base64(&vector))
            } else {
                vector
            },
            index,
        })
        .collect();
    let prompt_tokens = reply["prompt_eval_count"].as_u64().unwrap_or(0);
    Json(EmbeddingList {
        object: "list",
        data: (!data.is_empty()).then_some(data),
        model: request.model,
        usage: EmbeddingUsage {
            prompt_tokens,
            total_tokens: prompt_tokens,
        },
    })
    .into_response()
}

/// `floatsToBase64`: the vector as little-endian `f32` bytes, standard base64.
fn packed_base64(vector: &Value) -> String {
    let bytes: Vec<u8> = vector
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_f64)
        .flat_map(|value| (value as f32).to_le_bytes())
        .collect();
    base64::engine::general_purpose::STANDARD.encode(bytes)
}
