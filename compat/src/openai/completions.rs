//! `POST /v1/completions`, OpenAI's legacy text completion: one `prompt` becomes a generate
//! job (no chat template's turns, the model's own system message), answered as a
//! `text_completion` object or streamed as `text_completion` chunks. The options are the chat's
//! (`max_tokens`, `temperature`, `top_p`, `seed`, `stop`); what cannot be honoured (several
//! prompts or choices, `suffix`, `echo`, log probabilities) is refused by name.

#[cfg(test)]
mod tests;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use proto::v1::{Job, JobKind, JobSpec, ModelOptions};
use serde::Deserialize;
use serde_json::{Value, json};

use super::chat_completion::{created, served_model};
use super::chat_request::{Stop, StreamOptions};
use super::completion_job::{self, CompletionJob};
use super::completion_stream::Shape;
use super::usage::{finish_reason, usage};
use crate::ApiState;
use crate::refusal::Refusal;

#[derive(Debug, Deserialize)]
pub struct CompletionRequest {
    pub model: String,
    pub prompt: Value,
    #[serde(default)]
    pub stream: bool,
    pub stream_options: Option<StreamOptions>,
    pub max_tokens: Option<u32>,
    pub temperature: Option<f64>,
    pub top_p: Option<f64>,
    pub seed: Option<i64>,
    pub stop: Option<Stop>,
    pub n: Option<u32>,
    pub suffix: Option<String>,
    pub echo: Option<bool>,
    pub logprobs: Option<u32>,
}

impl CompletionRequest {
    pub fn job_spec(&self) -> Result<JobSpec, Refusal> {
        let prompt = match &self.prompt {
            Value::String(text) => text.clone(),
            Value::Array(items) if items.len() == 1 && items[0].is_string() => {
                items[0].as_str().unwrap_or_default().to_owned()
            }
            _ => {
                return Err(Refusal::invalid(
                    "prompt",
                    "prompt must be one string (one prompt per request; token arrays are not supported)",
                ));
            }
        };
        let refused = [
            (
                self.n.is_some_and(|n| n != 1),
                "n",
                "one choice per request: leave n out",
            ),
            (
                self.suffix
                    .as_ref()
                    .is_some_and(|suffix| !suffix.is_empty()),
                "suffix",
                "suffix (fill in the middle) is not supported",
            ),
            (self.echo == Some(true), "echo", "echo is not supported"),
            (
                self.logprobs.is_some(),
                "logprobs",
                "llm-runner does not return log probabilities",
            ),
        ];
        if let Some((_, param, why)) = refused.into_iter().find(|(refused, ..)| *refused) {
            return Err(Refusal::invalid(param, why));
        }
        let stop = match &self.stop {
            None => Vec::new(),
            Some(Stop::One(text)) => vec![text.clone()],
            Some(Stop::Many(texts)) => texts.clone(),
        };
        Ok(JobSpec {
            kind: JobKind::Generate as i32,
            model: self.model.clone(),
            prompt,
            options: Some(ModelOptions {
                temperature: self.temperature,
                top_p: self.top_p,
                seed: self.seed,
                num_predict: self.max_tokens,
                stop,
                ..Default::default()
            }),
            ..Default::default()
        })
    }
}

pub async fn handle(State(state): State<ApiState>, headers: HeaderMap, body: Bytes) -> Response {
    completion_job::handle::<CompletionRequest>(&state, &headers, &body).await
}

impl CompletionJob for CompletionRequest {
    const SHAPE: Shape = Shape::Text;

    fn job_spec(&self) -> Result<JobSpec, Refusal> {
        CompletionRequest::job_spec(self)
    }

    fn streams(&self) -> bool {
        self.stream
    }

    fn include_usage(&self) -> bool {
        self.stream_options
            .as_ref()
            .is_some_and(|options| options.include_usage)
    }

    fn whole_answer(job: &Job) -> Value {
        text_completion(job)
    }
}

fn text_completion(job: &Job) -> Value {
    let mut body = json!({
        "id": format!("cmpl-{}", job.id),
        "object": "text_completion",
        "created": created(job),
        "model": served_model(job),
        "choices": [{
            "index": 0,
            "text": job.output,
            "logprobs": null,
            "finish_reason": finish_reason(job),
        }],
    });
    if let Some(usage) = usage(job) {
        body["usage"] = usage;
    }
    body
}
