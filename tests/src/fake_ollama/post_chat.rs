//! `POST /api/chat`: the next assistant message, streamed as NDJSON unless `"stream": false`,
//! with the checks in the order current Ollama's `ChatHandler` makes them (server/routes.go).

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
struct ChatRequest {
    #[serde(default)]
    model: String,
    messages: Option<Vec<ChatMessage>>,
    stream: Option<bool>,
    keep_alive: Option<Value>,
    options: Option<Value>,
}

#[derive(Debug, Deserialize)]
struct ChatMessage {
    #[serde(default)]
    role: String,
    #[serde(default)]
    content: String,
}

pub(crate) async fn handle(State(state): State<Arc<SharedState>>, body: Bytes) -> Response {
    let request_started = Instant::now();
    let request: ChatRequest = match parse_request_body(&body) {
        Ok(request) => request,
        Err(rejection) => return rejection.into_response(),
    };
    // ChatHandler: a missing model fails `parseAndValidateModelRef` -> 400 "model is required".
    if request.model.trim().is_empty() {
        return ollama_error(StatusCode::BAD_REQUEST, "model is required");
    }
    let Some(model) = state.find_model(&request.model) else {
        return model_not_found(&request.model);
    };
    let messages = request.messages.unwrap_or_default();
    let writer = ChunkWriter {
        endpoint: Endpoint::Chat,
        model: request.model.clone(),
        prompt: last_user_prompt(&messages),
    };
    // No messages and keep_alive 0 unloads the model, before any scheduling.
    if messages.is_empty() && keep_alive_is_zero(request.keep_alive.as_ref()) {
        state.set_loaded(&model.name, false);
        return writer.lifecycle_reply("unload");
    }
    if !model.facts.supports("completion") {
        // `fmt.Sprintf("%q does not support chat", req.Model)`.
        let message = format!("{:?} does not support chat", request.model);
        return ollama_error(StatusCode::BAD_REQUEST, message);
    }
    if let Some(options) = &request.options {
        state.record_generation_options(options);
    }
    let behaviour = state.behaviour();
    if behaviour.queue_full {
        return server_busy();
    }
    // Serving a request loads the model, as Ollama's scheduler does.
    state.set_loaded(&model.name, true);
    if messages.is_empty() {
        return writer.lifecycle_reply("load");
    }
    let prompt_eval_count = messages
        .iter()
        .map(|message| prompt_token_count(&message.content))
        .sum();
    let mut plan = GenerationPlan::new(
        writer.prompt.clone(),
        prompt_eval_count,
        &behaviour,
        num_predict(request.options.as_ref()),
        &stop_sequences(request.options.as_ref()),
        request_started,
    );
    let texts = messages.iter().map(|message| message.content.as_str());
    plan.cached_tokens = (state.prompt_cache).evaluate(&request.model, prompt_sequence(texts));
    plan.model = request.model.clone();
    let generation = Generation::start(state, plan);
    writer
        .respond(generation, request.stream != Some(false))
        .await
}

/// The stand-in answers the last user message (or the last message, if no user spoke).
fn last_user_prompt(messages: &[ChatMessage]) -> String {
    messages
        .iter()
        .rev()
        .find(|message| message.role == "user")
        .or_else(|| messages.last())
        .map(|message| message.content.clone())
        .unwrap_or_default()
}
