//! `POST /api/embed` {model, input (a string or a list), truncate, options, keep_alive,
//! dimensions}: an embed job, answered `{"model", "embeddings", "total_duration",
//! "load_duration", "prompt_eval_count"}` (Go's `api.EmbedResponse`; statistics only when
//! measured). `dimensions` is refused (the node's Ollama would shorten the vectors, but a job
//! does not carry it); `truncate` is accepted and not passed on — the node's Ollama truncates
//! by default. No input is answered with no embeddings when the model can run now, as Ollama
//! answers it.

#[cfg(test)]
mod tests;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use proto::v1::{Job, JobKind, JobSpec};
use serde::Deserialize;
use serde_json::{Value, json};

use super::error::OllamaError;
use super::model_lookup::servable;
use super::reply::{served_model, statistics};
use super::request::Common;
use crate::ApiState;
use crate::job_headers::job_headers;
use crate::job_run::JobRun;
use crate::json_body;
use crate::refusal::Refusal;

#[derive(Debug, Deserialize)]
pub struct EmbedRequest {
    #[serde(flatten)]
    pub common: Common,
    pub input: Option<Input>,
    pub dimensions: Option<Value>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Input {
    One(String),
    Many(Vec<String>),
}

pub async fn handle(State(state): State<ApiState>, headers: HeaderMap, body: Bytes) -> Response {
    let request: EmbedRequest = match json_body::parse(&body) {
        Ok(request) => request,
        Err(refusal) => return OllamaError(refusal).into_response(),
    };
    let model = request.common.model.clone();
    let reply = async {
        let spec = request.job_spec()?;
        if spec.texts.is_empty() {
            let model = servable(&state, &spec.model).await?;
            return Ok(Json(json!({"model": model.name, "embeddings": []})).into_response());
        }
        let run = JobRun::start(&state.coordinator, spec, &headers).await?;
        let headers = job_headers(&run.job);
        let job = run.finish().await?;
        Ok::<_, Refusal>((headers, Json(embed_reply(&job))).into_response())
    };
    match reply.await {
        Ok(response) => response,
        Err(refusal) => OllamaError::about(&model, refusal).into_response(),
    }
}

impl EmbedRequest {
    /// The embed job asked for (with no texts when the input is empty).
    pub fn job_spec(&self) -> Result<JobSpec, Refusal> {
        let model = self.common.model()?;
        if self
            .dimensions
            .as_ref()
            .is_some_and(|value| !value.is_null())
        {
            return Err(Refusal::invalid(
                "dimensions",
                "llm-runner does not shorten embeddings (dimensions) yet: leave it out",
            ));
        }
        let texts = match &self.input {
            None => Vec::new(),
            Some(Input::One(text)) if text.is_empty() => Vec::new(),
            Some(Input::One(text)) => vec![text.clone()],
            Some(Input::Many(texts)) => texts.clone(),
        };
        embed_spec(model, texts, &self.common)
    }
}

/// An embed job for `texts` with the request's options.
pub fn embed_spec(model: &str, texts: Vec<String>, common: &Common) -> Result<JobSpec, Refusal> {
    Ok(JobSpec {
        kind: JobKind::Embed as i32,
        model: model.to_owned(),
        texts,
        options: Some(common.model_options()?),
        ..Default::default()
    })
}

/// The answer for an ended embed job.
pub fn embed_reply(job: &Job) -> Value {
    let embeddings: Vec<&[f32]> = job
        .embeddings
        .iter()
        .map(|embedding| embedding.values.as_slice())
        .collect();
    let mut body = json!({"model": served_model(job), "embeddings": embeddings});
    let stats = statistics(job);
    for name in ["total_duration", "load_duration", "prompt_eval_count"] {
        if let Some(value) = stats.get(name) {
            body[name] = value.clone();
        }
    }
    body
}
