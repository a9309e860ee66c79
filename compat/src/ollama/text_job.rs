//! What `/api/chat` and `/api/generate` share once their request is read: the job it asks
//! for is run and answered in Ollama's shape (`ndjson.rs`), or, for Ollama's "load the model"
//! call (no job), the model is checked servable and `done_reason: "load"` answered. A refusal
//! is answered in Ollama's words about the model asked for.

use axum::Json;
use axum::body::Bytes;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use proto::v1::JobSpec;
use serde::de::DeserializeOwned;

use super::error::OllamaError;
use super::model_lookup::servable;
use super::ndjson::answer;
use super::reply::{Flavour, loaded, now};
use super::request::Common;
use crate::ApiState;
use crate::job_run::JobRun;
use crate::json_body;
use crate::refusal::Refusal;

/// A request that asks for a text job (chat or generate).
pub trait TextRequest: DeserializeOwned {
    const FLAVOUR: Flavour;
    fn common(&self) -> &Common;
    /// The job asked for; `None` for the "load the model" call.
    fn job_spec(&self) -> Result<Option<JobSpec>, Refusal>;
}

/// The whole handler for a `R` request's body.
pub async fn handle<R: TextRequest>(
    state: &ApiState,
    headers: &HeaderMap,
    body: &Bytes,
) -> Response {
    let request: R = match json_body::parse(body) {
        Ok(request) => request,
        Err(refusal) => return OllamaError(refusal).into_response(),
    };
    match reply(state, headers, &request).await {
        Ok(response) => response,
        Err(refusal) => OllamaError::about(&request.common().model, refusal).into_response(),
    }
}

async fn reply<R: TextRequest>(
    state: &ApiState,
    headers: &HeaderMap,
    request: &R,
) -> Result<Response, Refusal> {
    let Some(spec) = request.job_spec()? else {
        let model = servable(state, request.common().model()?).await?;
        return Ok(Json(loaded(R::FLAVOUR, &model.name, &now())).into_response());
    };
    let run = JobRun::start(&state.coordinator, spec, headers).await?;
    answer(run, R::FLAVOUR, request.common().streams())
        .await
        .map_err(|error| error.0)
}
