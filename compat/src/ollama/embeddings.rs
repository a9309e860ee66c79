//! `POST /api/embeddings` {model, prompt, options, keep_alive}: Ollama's older embedding call,
//! answered `{"embedding": […]}` for the one prompt (an empty prompt, no embedding: `[]`).

#[cfg(test)]
mod tests;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use proto::v1::Job;
use serde::Deserialize;
use serde_json::{Value, json};

use super::embed::embed_spec;
use super::error::OllamaError;
use super::model_lookup::servable;
use super::request::Common;
use crate::ApiState;
use crate::job_headers::job_headers;
use crate::job_run::JobRun;
use crate::json_body;
use crate::refusal::Refusal;

#[derive(Debug, Deserialize)]
pub struct EmbeddingsRequest {
    #[serde(flatten)]
    pub common: Common,
    #[serde(default)]
    pub prompt: String,
}

pub async fn handle(State(state): State<ApiState>, headers: HeaderMap, body: Bytes) -> Response {
    let request: EmbeddingsRequest = match json_body::parse(&body) {
        Ok(request) => request,
        Err(refusal) => return OllamaError(refusal).into_response(),
    };
    let model = request.common.model.clone();
    let reply = async {
        let name = request.common.model()?;
        if request.prompt.is_empty() {
            servable(&state, name).await?;
            return Ok(Json(json!({"embedding": []})).into_response());
        }
        let spec = embed_spec(name, vec![request.prompt.clone()], &request.common)?;
        let run = JobRun::start(&state.coordinator, spec, &headers).await?;
        let headers = job_headers(&run.job);
        let job = run.finish().await?;
        Ok::<_, Refusal>((headers, Json(embedding_reply(&job))).into_response())
    };
    match reply.await {
        Ok(response) => response,
        Err(refusal) => OllamaError::about(&model, refusal).into_response(),
    }
}

/// `{"embedding": […]}`: the job's one vector.
pub fn embedding_reply(job: &Job) -> Value {
    let values: &[f32] = job
        .embeddings
        .first()
        .map_or(&[], |embedding| embedding.values.as_slice());
    json!({ "embedding": values })
}
