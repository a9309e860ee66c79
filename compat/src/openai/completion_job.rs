//! What `/v1/chat/completions` and `/v1/completions` share once their request is read: the
//! job it asks for is started (a rejection answered before anything is streamed, in OpenAI's
//! error shape), then streamed in the endpoint's chunk shape or answered whole, with the
//! headers naming the job and its node.

use axum::Json;
use axum::body::Bytes;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use proto::v1::{Job, JobSpec};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::completion_stream::{Shape, stream_completion};
use super::error::OpenAiError;
use crate::ApiState;
use crate::job_headers::job_headers;
use crate::job_run::JobRun;
use crate::json_body;
use crate::refusal::Refusal;

/// A request that asks for a completion job.
pub trait CompletionJob: DeserializeOwned {
    /// The endpoint's chunk shape.
    const SHAPE: Shape;
    fn job_spec(&self) -> Result<JobSpec, Refusal>;
    fn streams(&self) -> bool;
    fn include_usage(&self) -> bool;
    /// The whole answer of a job that succeeded.
    fn whole_answer(job: &Job) -> Value;
}

/// The whole handler for an `R` request's body.
pub async fn handle<R: CompletionJob>(
    state: &ApiState,
    headers: &HeaderMap,
    body: &Bytes,
) -> Response {
    match answer::<R>(state, headers, body).await {
        Ok(response) => response,
        Err(error) => error.into_response(),
    }
}

async fn answer<R: CompletionJob>(
    state: &ApiState,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Response, OpenAiError> {
    let request: R = json_body::parse(body).map_err(OpenAiError)?;
    let spec = request.job_spec().map_err(OpenAiError)?;
    let run = JobRun::start(&state.coordinator, spec, headers)
        .await
        .map_err(OpenAiError)?;
    let headers = job_headers(&run.job);
    if request.streams() {
        let stream = stream_completion(run, R::SHAPE, request.include_usage());
        return Ok((headers, stream).into_response());
    }
    let job = run.finish().await.map_err(OpenAiError)?;
    Ok((headers, Json(R::whole_answer(&job))).into_response())
}
