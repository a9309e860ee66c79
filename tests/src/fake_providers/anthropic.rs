//! The stand-in Anthropic (Messages API under `/v1`), following docs.claude.com/en/api/errors,
//! docs.anthropic.com/claude/reference/errors-and-rate-limits and platform.claude.com/docs/
//! build-with-claude/streaming; anthropics/anthropic-sdk-python `_client.py`, `api.md`,
//! `_streaming.py`, `lib/streaming/_messages.py`, `types/message_delta_usage.py`,
//! `types/model_info.py`, `pagination.py`; the recorded stream charmbracelet/fantasy
//! `providertests/testdata/TestAnthropicCommon/claude-sonnet-4/simple_streaming.yaml`; the header
//! recording of tidyllm's fixture `claude/api.anthropic.com/v1/messages-e050b5-POST.R`
//! (providers.md §4, §6, §10).
//!
//! `x-api-key` (401) and `anthropic-version` (400) required; `POST /v1/messages` streamed or
//! not; `GET /v1/models` paged by `after_id`; `request-id` and `anthropic-ratelimit-*` headers
//! (RFC 3339 resets) on every response.

mod errors;
mod events;
mod list;
mod messages;

use std::net::{Ipv4Addr, SocketAddr};
use std::ops::Deref;
use std::sync::Arc;

use axum::Router;
use axum::http::HeaderMap;
use axum::middleware;
use axum::response::Response;
use axum::routing::{get, post};

use super::controls::Controls;
use super::state::{Refusal, Shared};

/// A running stand-in Anthropic; dereferences to the common [`Controls`].
#[derive(Clone)]
pub struct FakeAnthropic {
    controls: Controls,
}

impl Deref for FakeAnthropic {
    type Target = Controls;
    fn deref(&self) -> &Controls {
        &self.controls
    }
}

impl FakeAnthropic {
    /// Starts on 127.0.0.1, on a free port, accepting `api_key` and listing `models`.
    pub async fn start(api_key: &str, models: &[&str]) -> anyhow::Result<Self> {
        Self::start_on(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), api_key, models).await
    }

    pub async fn start_on(
        address: SocketAddr,
        api_key: &str,
        models: &[&str],
    ) -> anyhow::Result<Self> {
        let controls = Controls::start("anthropic", address, api_key, models, routes).await?;
        Ok(Self { controls })
    }

    /// `http://127.0.0.1:PORT/v1`, the agent's `base_url`.
    pub fn base_url(&self) -> String {
        format!("{}/v1", self.url())
    }

    /// The next `count` message requests get 529 `overloaded_error`.
    pub fn overloaded_next(&self, count: usize) {
        self.shared().queue_refusals(Refusal::Overloaded, count);
    }
}

fn routes(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/v1/messages", post(messages::handle))
        .route("/v1/models", get(list::list_models))
        .route("/v1/models/{id}", get(list::get_model))
        .fallback(errors::unknown_route)
        .layer(middleware::map_response_with_state(
            shared.clone(),
            errors::with_headers,
        ))
        .with_state(shared)
}

/// The refusal unless `x-api-key` carries the key (401) and `anthropic-version` is present
/// (400); `None` lets the request in.
fn authorise(shared: &Shared, headers: &HeaderMap) -> Option<Response> {
    let key = headers
        .get("x-api-key")
        .and_then(|value| value.to_str().ok());
    let message = match key {
        None => "x-api-key header is required",
        Some(key) if !shared.key_matches(key) => "invalid x-api-key",
        Some(_) if !headers.contains_key("anthropic-version") => {
            let message = "anthropic-version: header is required";
            return Some(errors::error(shared, errors::INVALID_REQUEST, message));
        }
        Some(_) => return None,
    };
    Some(errors::error(shared, errors::UNAUTHORIZED, message))
}
