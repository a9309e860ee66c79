//! `POST /v1/chat/completions`: the request becomes a chat job; the answer is one
//! `chat.completion` object, or a stream of `chat.completion.chunk` events
//! (`completion_stream.rs`).
//! A rejection is answered before anything is streamed, in OpenAI's error shape.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use proto::v1::Job;
use serde_json::{Value, json};

use super::chat_request::ChatCompletionRequest;
use super::completion_stream::{Shape, stream_completion};
use super::error::OpenAiError;
use super::usage::{finish_reason, usage};
use crate::ApiState;
use crate::job_headers::job_headers;
use crate::job_run::JobRun;
use crate::json_body;

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
    let request: ChatCompletionRequest = json_body::parse(body).map_err(OpenAiError)?;
    let spec = request.job_spec().map_err(OpenAiError)?;
    let run = JobRun::start(&state.coordinator, spec, headers)
        .await
        .map_err(OpenAiError)?;
    let headers = job_headers(&run.job);
    if request.stream {
        return Ok((
            headers,
            stream_completion(run, Shape::Chat, request.include_usage()),
        )
            .into_response());
    }
    let job = run.finish().await.map_err(OpenAiError)?;
    Ok((headers, Json(completion(&job))).into_response())
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
