//! `POST /v1/chat/completions`: the request becomes a chat job (`completion_job.rs`); the
//! answer is one `chat.completion` object, or a stream of `chat.completion.chunk` events
//! (`completion_stream.rs`).

#[cfg(test)]
mod tests;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use proto::v1::{Job, JobSpec};
use serde_json::{Value, json};

use super::chat_request::ChatCompletionRequest;
use super::completion_job::{self, CompletionJob};
use super::completion_stream::Shape;
use super::usage::{finish_reason, usage};
use crate::ApiState;
use crate::refusal::Refusal;

pub async fn handle(State(state): State<ApiState>, headers: HeaderMap, body: Bytes) -> Response {
    completion_job::handle::<ChatCompletionRequest>(&state, &headers, &body).await
}

impl CompletionJob for ChatCompletionRequest {
    const SHAPE: Shape = Shape::Chat;

    fn job_spec(&self) -> Result<JobSpec, Refusal> {
        ChatCompletionRequest::job_spec(self)
    }

    fn streams(&self) -> bool {
        self.stream
    }

    fn include_usage(&self) -> bool {
        ChatCompletionRequest::include_usage(self)
    }

    fn whole_answer(job: &Job) -> Value {
        completion(job)
    }
}

/// The whole answer as a `chat.completion` object.
fn completion(job: &Job) -> Value {
    let mut body = json!({
        "id": completion_id(job),
        "object": "chat.completion",
        "created": created(job),
        "model": served_model(job),
        "choices": [{
            "index": 0,
            "message": {"role": "assistant", "content": job.output, "refusal": null},
            "logprobs": null,
            "finish_reason": finish_reason(job),
        }],
    });
    if let Some(usage) = usage(job) {
        body["usage"] = usage;
    }
    body
}

/// OpenAI's id shape, holding the job's id.
pub fn completion_id(job: &Job) -> String {
    format!("chatcmpl-{}", job.id)
}

/// Unix seconds of the job's creation.
pub fn created(job: &Job) -> i64 {
    job.created_at_ms / 1000
}

/// The model that really ran, as its backend named it; the job's model until it has answered.
pub fn served_model(job: &Job) -> &str {
    if job.served_model.is_empty() {
        job.spec.as_ref().map_or("", |spec| spec.model.as_str())
    } else {
        &job.served_model
    }
}
