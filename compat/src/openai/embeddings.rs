//! `POST /v1/embeddings`: `input` as one text or a list of texts becomes an embed job; the
//! answer is OpenAI's list of `embedding` objects, as floats or (`encoding_format: "base64"`,
//! what OpenAI's Python SDK asks for by default) little-endian float32 bytes in base64. Token
//! arrays and `dimensions` are refused by name: llm-runner cannot decode the one or honour the
//! other for every model.

#[cfg(test)]
mod tests;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use proto::v1::{JobKind, JobSpec};
use serde::Deserialize;
use serde_json::{Value, json};

use super::chat_completion::served_model;
use super::error::OpenAiError;
use crate::ApiState;
use crate::job_headers::job_headers;
use crate::job_run::JobRun;
use crate::json_body;
use crate::refusal::Refusal;

#[derive(Debug, Deserialize)]
pub struct EmbeddingRequest {
    pub model: String,
    pub input: Value,
    pub encoding_format: Option<String>,
    pub dimensions: Option<u32>,
}

impl EmbeddingRequest {
    /// The texts to embed, or why `input` is not texts.
    pub fn texts(&self) -> Result<Vec<String>, Refusal> {
        let not_text = || {
            Refusal::invalid(
                "input",
                "input must be a string or a list of strings (token arrays are not supported)",
            )
        };
        let texts = match &self.input {
            Value::String(text) => vec![text.clone()],
            Value::Array(items) => items
                .iter()
                .map(|item| item.as_str().map(str::to_owned).ok_or_else(not_text))
                .collect::<Result<Vec<_>, _>>()?,
            _ => return Err(not_text()),
        };
        if texts.is_empty() {
            return Err(Refusal::invalid(
                "input",
                "input is empty: send at least one text",
            ));
        }
        Ok(texts)
    }

    /// Whether to answer in base64; any format but `float` and `base64` is refused.
    pub fn wants_base64(&self) -> Result<bool, Refusal> {
        match self.encoding_format.as_deref() {
            None | Some("float") => Ok(false),
            Some("base64") => Ok(true),
            Some(other) => Err(Refusal::invalid(
                "encoding_format",
                format!("encoding_format `{other}` is not `float` or `base64`"),
            )),
        }
    }
}

pub async fn handle(State(state): State<ApiState>, headers: HeaderMap, body: Bytes) -> Response {
    match answer(&state, &headers, &body).await {
        Ok(response) => response,
        Err(error) => error.into_response(),
    }
}

async fn answer(
    state: &ApiState,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Response, OpenAiError> {
    let request: EmbeddingRequest = json_body::parse(body).map_err(OpenAiError)?;
    if request.dimensions.is_some() {
        return Err(OpenAiError(Refusal::invalid(
            "dimensions",
            "llm-runner returns each model's own dimensions: leave dimensions out",
        )));
    }
    let base64 = request.wants_base64().map_err(OpenAiError)?;
    let spec = JobSpec {
        kind: JobKind::Embed as i32,
        model: request.model.clone(),
        texts: request.texts().map_err(OpenAiError)?,
        ..Default::default()
    };
    let run = JobRun::start(&state.coordinator, spec, headers)
        .await
        .map_err(OpenAiError)?;
    let headers = job_headers(&run.job);
    let job = run.finish().await.map_err(OpenAiError)?;
    let data: Vec<Value> = job
        .embeddings
        .iter()
        .enumerate()
        .map(|(index, embedding)| {
            json!({
                "object": "embedding",
                "index": index,
                "embedding": encode(&embedding.values, base64),
            })
        })
        .collect();
    let mut body = json!({"object": "list", "data": data, "model": served_model(&job)});
    // OpenAI reports the input tokens only; absent when the backend did not count them.
    if let Some(input) = job.usage.as_ref().and_then(|usage| usage.input_tokens) {
        body["usage"] = json!({"prompt_tokens": input, "total_tokens": input});
    }
    Ok((headers, Json(body)).into_response())
}

/// A vector as floats, or as base64 of its little-endian float32 bytes.
pub fn encode(values: &[f32], base64: bool) -> Value {
    if !base64 {
        return json!(values);
    }
    let bytes: Vec<u8> = values
        .iter()
        .flat_map(|value| value.to_le_bytes())
        .collect();
    json!(base64::engine::general_purpose::STANDARD.encode(bytes))
}
