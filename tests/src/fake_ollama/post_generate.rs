//! `POST /api/generate`: a completion for one prompt, streamed as NDJSON unless
//! `"stream": false`, with the checks in the order current Ollama's `GenerateHandler` makes them
//! (server/routes.go).

use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::Value;

use super::answer::prompt_token_count;
use super::errors::{model_not_found, ollama_error, server_busy};
use super::generation::{Generation, GenerationPlan};
use super::ndjson::{ChunkWriter, Endpoint};
use super::prompt_cache::prompt_sequence;
use super::request::{keep_alive_is_zero, num_predict, parse_request_body};
use super::state::SharedState;
use super::stop_sequences::stop_sequences;

#[derive(Debug, Deserialize)]
struct GenerateRequest {
    #[serde(default)]
    model: String,
    #[serde(default)]
    prompt: String,
    #[serde(default)]
    system: String,
    stream: Option<bool>,
    keep_alive: Option<Value>,
    options: Option<Value>,
}

pub(crate) async fn handle(State(state): State<Arc<SharedState>>, body: Bytes) -> Response {
    let request_started = Instant::now();
    let request: GenerateRequest = match parse_request_body(&body) {
        Ok(request) => request,
        Err(rejection) => return rejection.into_response(),
    };
    // GenerateHandler maps every model-name parse failure, the empty name included, to
    // 404 `model '%s' not found` (unlike ChatHandler's 400 "model is required").
    if request.model.trim().is_empty() {
        return model_not_found(&request.model);
    }
    let Some(model) = state.find_model(&request.model) else {
        return model_not_found(&request.model);
    };
    let writer = ChunkWriter {
        endpoint: Endpoint::Generate,
        model: request.model.clone(),
        prompt: request.prompt.clone(),
    };
    // An empty prompt with keep_alive 0 unloads the model, before any scheduling.
    if request.prompt.is_empty() && keep_alive_is_zero(request.keep_alive.as_ref()) {
        state.set_loaded(&model.name, false);
        return writer.lifecycle_reply("unload");
    }
    if !model.facts.supports("completion") {
        // `fmt.Sprintf("%q does not support generate", req.Model)`.
        let message = format!("{:?} does not support generate", request.model);
        return ollama_error(StatusCode::BAD_REQUEST, message);
    }
    if let Some(options) = &request.options {
        state.record_generation_options(options);
    }
    let behaviour = state.behaviour();
    if behaviour.queue_full {
        return server_busy();
    }
    state.set_loaded(&model.name, true);
    if request.prompt.is_empty() {
        return writer.lifecycle_reply("load");
    }
    let system_tokens = if request.system.is_empty() {
        0
    } else {
        state.record_generate_system(&request.system);
        prompt_token_count(&request.system)
    };
    let mut plan = GenerationPlan::new(
        request.prompt.clone(),
        prompt_token_count(&request.prompt) + system_tokens,
        &behaviour,
        num_predict(request.options.as_ref()),
        &stop_sequences(request.options.as_ref()),
        request_started,
    );
    let system = Some(request.system.as_str()).filter(|system| !system.is_empty());
    let texts = system.into_iter().chain([request.prompt.as_str()]);
    plan.cached_tokens = (state.prompt_cache).evaluate(&request.model, prompt_sequence(texts));
    plan.model = request.model.clone();
    let generation = Generation::start(state, plan);
    writer
        .respond(generation, request.stream != Some(false))
        .await
}
