//! The stand-in Groq (OpenAI-compatible API under `/openai/v1`), following console.groq.com/docs/
//! errors, /docs/rate-limits, /docs/reasoning and /docs/deprecations; groq-python `api.md`,
//! `_client.py`, `types/chat/chat_completion_chunk.py`, `types/completion_usage.py`; the recorded
//! stream charmbracelet/fantasy `providertests/testdata/TestOpenAICompatibleCommon/groq-kimi-k2/
//! simple_streaming.yaml`; error bodies quoted in ITSpecialist111/ai_automation_suggester#187,
//! atiilla/sqlmap-ai#3 and Aider-AI/aider#3265 (providers.md §2, §6, §10).
//!
//! Bearer auth (401 `invalid_api_key`), `POST /openai/v1/chat/completions` streamed or not,
//! `GET /openai/v1/models[/{id}]` with `active` and `context_window`, `x-ratelimit-*` headers on
//! every response (resets as Go durations), `retry-after` only on 429.

mod chat;
mod chunks;
mod errors;

use std::net::{Ipv4Addr, SocketAddr};
use std::ops::Deref;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, middleware};
use serde_json::{Value, json};

use super::controls::Controls;
use super::state::{Refusal, Shared};

/// A running stand-in Groq; dereferences to the common [`Controls`].
#[derive(Clone)]
pub struct FakeGroq {
    controls: Controls,
}

impl Deref for FakeGroq {
    type Target = Controls;
    fn deref(&self) -> &Controls {
        &self.controls
    }
}

impl FakeGroq {
    /// Starts on 127.0.0.1, on a free port, accepting `api_key` and listing `models`.
    pub async fn start(api_key: &str, models: &[&str]) -> anyhow::Result<Self> {
        Self::start_on(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), api_key, models).await
    }

    pub async fn start_on(
        address: SocketAddr,
        api_key: &str,
        models: &[&str],
    ) -> anyhow::Result<Self> {
        let controls = Controls::start("groq", address, api_key, models, routes).await?;
        Ok(Self { controls })
    }

    /// `http://127.0.0.1:PORT/openai/v1`, the agent's `base_url`.
    pub fn base_url(&self) -> String {
        format!("{}/openai/v1", self.url())
    }

    /// Unlists the model; chat requests for it get 400 `model_decommissioned`.
    pub fn decommission(&self, id: &str) {
        self.shared().decommission(id);
    }

    /// The next generation request gets the 413 that is a tokens-per-minute rate limit.
    pub fn rate_limit_413_next(&self) {
        self.shared().queue_refusals(Refusal::TooLarge, 1);
    }
}

fn routes(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/openai/v1/chat/completions", post(chat::handle))
        .route("/openai/v1/models", get(list_models))
        .route("/openai/v1/models/{*id}", get(get_model))
        .fallback(|| async { errors::unknown_route() })
        .layer(middleware::map_response(errors::with_rate_limit_headers))
        .with_state(shared)
}

/// The refusal for a request without `Authorization: Bearer <the key>`; `None` lets it in.
fn authorise(shared: &Shared, headers: &HeaderMap) -> Option<Response> {
    let bearer = headers
        .get("authorization")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "));
    match bearer {
        Some(key) if shared.key_matches(key) => None,
        _ => Some(errors::invalid_api_key()),
    }
}

/// One listing entry, in the live shape (providers.md §2.5).
fn model_entry(id: &str) -> Value {
    json!({
        "id": id, "object": "model", "created": 1_748_396_646, "owned_by": "Stand-in",
        "active": true, "context_window": 131_072, "public_apps": null,
        "max_completion_tokens": 32_768,
    })
}

async fn list_models(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    shared
        .list_requests
        .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    if let Some(refused) = authorise(&shared, &headers) {
        return refused;
    }
    let data: Vec<Value> = shared.models().iter().map(|id| model_entry(id)).collect();
    Json(json!({"object": "list", "data": data})).into_response()
}

async fn get_model(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    if let Some(refused) = authorise(&shared, &headers) {
        return refused;
    }
    if shared.has_model(&id) {
        Json(model_entry(&id)).into_response()
    } else {
        errors::model_not_found(&id)
    }
}
