//! `POST /api/generate` {model, prompt, system, stream, format, options, keep_alive}: a
//! generate job, answered as NDJSON lines of `response` or one object (`ndjson.rs`). An empty
//! prompt is Ollama's "load the model" call, answered `done_reason: "load"` when the model can
//! run now. What a job cannot carry is refused with 400: `raw`, `images`, `suffix`,
//! `template`, `context` (send the conversation to /api/chat instead), thinking, and an unload.
//! The final object has no `context`: llm-runner does not see the model's token ids.

#[cfg(test)]
mod tests;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use proto::v1::{JobKind, JobSpec};
use serde::Deserialize;
use serde_json::Value;

use super::chat::{asks_to_think, unload_refused};
use super::reply::Flavour;
use super::request::Common;
use super::text_job::{self, TextRequest};
use crate::ApiState;
use crate::refusal::Refusal;

#[derive(Debug, Deserialize)]
pub struct GenerateRequest {
    #[serde(flatten)]
    pub common: Common,
    #[serde(default)]
    pub prompt: String,
    #[serde(default)]
    pub system: String,
    #[serde(default)]
    pub raw: bool,
    pub images: Option<Vec<Value>>,
    pub suffix: Option<String>,
    pub template: Option<String>,
    pub context: Option<Vec<Value>>,
    pub think: Option<Value>,
}

pub async fn handle(State(state): State<ApiState>, headers: HeaderMap, body: Bytes) -> Response {
    text_job::handle::<GenerateRequest>(&state, &headers, &body).await
}

impl TextRequest for GenerateRequest {
    const FLAVOUR: Flavour = Flavour::Generate;

    fn common(&self) -> &Common {
        &self.common
    }

    /// The generate job asked for; `None` for the "load the model" call (an empty prompt).
    fn job_spec(&self) -> Result<Option<JobSpec>, Refusal> {
        let model = self.common.model()?;
        let not_served = |param: &'static str, what: &str| {
            Refusal::invalid(param, format!("llm-runner does not serve {what} yet"))
        };
        if self.raw {
            return Err(not_served(
                "raw",
                "raw prompts (the model's template is always applied)",
            ));
        }
        if self
            .images
            .as_ref()
            .is_some_and(|images| !images.is_empty())
        {
            return Err(not_served("images", "images"));
        }
        if self
            .suffix
            .as_ref()
            .is_some_and(|suffix| !suffix.is_empty())
        {
            return Err(not_served("suffix", "fill-in-the-middle (suffix)"));
        }
        if self
            .template
            .as_ref()
            .is_some_and(|template| !template.is_empty())
        {
            return Err(not_served("template", "a request's own template"));
        }
        if self
            .context
            .as_ref()
            .is_some_and(|context| !context.is_empty())
        {
            return Err(not_served(
                "context",
                "context token ids: send the conversation to /api/chat",
            ));
        }
        if self.think.as_ref().is_some_and(asks_to_think) {
            return Err(not_served(
                "think",
                "a model's thinking separately: leave think out or set it to false",
            ));
        }
        if self.prompt.is_empty() {
            if self.common.unloads() {
                return Err(unload_refused());
            }
            return Ok(None);
        }
        Ok(Some(JobSpec {
            kind: JobKind::Generate as i32,
            model: model.to_owned(),
            prompt: self.prompt.clone(),
            system: self.system.clone(),
            options: Some(self.common.model_options()?),
            ..Default::default()
        }))
    }
}
