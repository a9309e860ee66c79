//! `POST /api/embed`: deterministic unit-length embeddings for a string or a list of strings,
//! with the checks in the order current Ollama's `EmbedHandler` makes them (server/routes.go);
//! or, while semantic embeddings are on, a real sentence encoder's (`semantic_embedding.rs`),
//! truncated at its 128-token context unless the request says `"truncate": false`.

use std::sync::Arc;
use std::time::Instant;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::Value;

use super::answer::{expected_embedding, prompt_token_count};
use super::errors::{model_not_found, model_not_found_by_scheduler, ollama_error, server_busy};
use super::reported_usage::ReportedUsage;
use super::request::parse_request_body;
use super::semantic_embedding::{
    SEMANTIC_CONTEXT_TOKENS, SEMANTIC_EMBEDDING_DIMENSIONS, semantic_embeddings,
};
use super::state::SharedState;
use super::wire::EmbedReply;

#[derive(Debug, Deserialize)]
struct EmbedRequest {
    #[serde(default)]
    model: String,
    input: Option<Value>,
    dimensions: Option<i64>,
    /// Ollama's default is true: cut an input at the model's context instead of refusing it.
    truncate: Option<bool>,
}

pub(crate) async fn handle(State(state): State<Arc<SharedState>>, body: Bytes) -> Response {
    let request_started = Instant::now();
    let request: EmbedRequest = match parse_request_body(&body) {
        Ok(request) => request,
        Err(rejection) => return rejection.into_response(),
    };
    // An empty name fails `parseAndValidateModelRef`, which EmbedHandler maps to 404.
    if request.model.trim().is_empty() {
        return model_not_found(&request.model);
    }
    let Some(inputs) = input_texts(request.input.as_ref()) else {
        return ollama_error(StatusCode::BAD_REQUEST, "invalid input type");
    };
    // EmbedHandler only finds out the model is missing inside the scheduler, hence the
    // scheduler's wording rather than the chat and generate handlers' one.
    let Some(model) = state.find_model(&request.model) else {
        return model_not_found_by_scheduler(&request.model);
    };
    if state.behaviour().queue_full {
        return server_busy();
    }
    let semantic = state.behaviour().semantic_embeddings;
    let context = semantic.then_some(SEMANTIC_CONTEXT_TOKENS);
    let too_long = |text: &String| context.is_some_and(|tokens| prompt_token_count(text) > tokens);
    if request.truncate == Some(false) && inputs.iter().any(too_long) {
        return ollama_error(
            StatusCode::BAD_REQUEST,
            "the input length exceeds the context length",
        );
    }
    state.set_loaded(&model.name, true);
    let loaded = Instant::now();
    let full_width = if semantic {
        SEMANTIC_EMBEDDING_DIMENSIONS
    } else {
        model.facts.embedding_length
    };
    let width = match request
        .dimensions
        .and_then(|wanted| usize::try_from(wanted).ok())
    {
        Some(wanted) if wanted > 0 && wanted < full_width => wanted,
        _ => full_width,
    };
    let embeddings = if semantic && !inputs.is_empty() {
        let texts = inputs.clone();
        match tokio::task::spawn_blocking(move || semantic_embeddings(&texts, width)).await {
            Ok(Ok(vectors)) => vectors,
            Ok(Err(failure)) => return ollama_error(StatusCode::INTERNAL_SERVER_ERROR, failure),
            Err(panicked) => {
                return ollama_error(StatusCode::INTERNAL_SERVER_ERROR, panicked.to_string());
            }
        }
    } else {
        inputs
            .iter()
            .map(|text| expected_embedding(text, width))
            .collect()
    };
    // Ollama counts the tokens it evaluated: a truncated input counts up to the context.
    let prompt_eval_count = inputs
        .iter()
        .map(|text| prompt_token_count(text).min(context.unwrap_or(usize::MAX)))
        .sum::<usize>();
    let nanoseconds = |from: Instant, to: Instant| {
        u64::try_from(to.saturating_duration_since(from).as_nanos())
            .unwrap_or(u64::MAX)
            .max(1)
    };
    let has_inputs = !inputs.is_empty();
    if has_inputs {
        let usage = ReportedUsage::of_answer(prompt_eval_count as u64, 0, 0, 0);
        state.usage.report_whole(&request.model, usage);
    }
    Json(EmbedReply {
        model: request.model,
        embeddings,
        // Ollama returns only `model` and an empty list when there is nothing to embed.
        total_duration: if has_inputs {
            nanoseconds(request_started, Instant::now())
        } else {
            0
        },
        load_duration: if has_inputs {
            nanoseconds(request_started, loaded)
        } else {
            0
        },
        prompt_eval_count: if has_inputs {
            prompt_eval_count as u64
        } else {
            0
        },
    })
    .into_response()
}

/// The texts to embed, or `None` for an input of the wrong type. An empty string counts as no
/// input, as in Ollama.
fn input_texts(input: Option<&Value>) -> Option<Vec<String>> {
    match input {
        None | Some(Value::Null) => Some(Vec::new()),
        Some(Value::String(text)) if text.is_empty() => Some(Vec::new()),
        Some(Value::String(text)) => Some(vec![text.clone()]),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| item.as_str().map(str::to_string))
            .collect(),
        Some(_) => None,
    }
}
