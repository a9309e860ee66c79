//! The OpenAI- and Ollama-compatible HTTP API on the coordinator's `http_addr`: `/v1/…` as
//! OpenAI's clients call it, `/api/chat`, `/api/generate`, `/api/embed`, … as Ollama's do. Every
//! request is a job like any other (recorded, traced, cancellable, counted), submitted through
//! the coordinator's gRPC API; a request for a model runs on that model or is refused in the
//! caller's dialect with every node's reason, never answered by another model.
//!
//! **Architecture Invariant:** this crate reaches the cluster only through the coordinator's
//! public gRPC API (`client::Coordinator`), like any other client.

// Tests may unwrap: a panic there is a failed test with its location.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

mod bearer;
mod cluster_models;
mod config;
mod job_headers;
mod job_run;
mod json_body;
mod ollama;
mod openai;
mod refusal;

#[cfg(test)]
mod tests;

use axum::Router;
use axum::extract::DefaultBodyLimit;

pub use config::{ApiConfig, TOKEN_ENV, exposure_problem, is_private_address};

/// The largest request body taken: a long chat history fits; the coordinator checks the
/// prompt's own limit (`max_prompt_bytes`) and says so.
const MAX_BODY_BYTES: usize = 32 << 20;

/// What the coordinator hands the API when mounting it.
#[derive(Debug, Clone)]
pub struct CompatContext {
    pub grpc_url: String,
    pub config: ApiConfig,
}

#[derive(Debug, thiserror::Error)]
pub enum CompatError {
    #[error("`{url}` is not a coordinator URL: {problem}")]
    InvalidCoordinatorUrl { url: String, problem: String },
}

/// State every handler shares: the lazily connected coordinator.
#[derive(Debug, Clone)]
pub(crate) struct ApiState {
    pub coordinator: client::Coordinator,
}

/// The API's routes (`/v1/…` and Ollama's `/api/…`), behind the bearer token when one is set.
/// Call inside a Tokio runtime: the coordinator's channel connects lazily.
pub fn router(context: CompatContext) -> Result<Router, CompatError> {
    let coordinator = client::Coordinator::lazy(&context.grpc_url).map_err(|error| {
        CompatError::InvalidCoordinatorUrl {
            url: context.grpc_url.clone(),
            problem: error.to_string(),
        }
    })?;
    let state = ApiState { coordinator };
    let token = context.config.token;
    let openai = bearer::require(openai::routes(), token.clone(), openai::unauthorized);
    let ollama = bearer::require(ollama::routes(), token, ollama::unauthorized);
    Ok(openai
        .merge(ollama)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state))
}
