//! The OpenAI dialect under `/v1`: chat completions (streamed as server-sent events or whole),
//! legacy completions, embeddings and the model list, with OpenAI's error shape
//! (`{"error": {"message", "type", "code", "param"}}`) and status codes. Every answer says which
//! job and node served it (`x-llm-runner-job-id`, `x-llm-runner-node`), and its `model` is the
//! model that really ran.

mod chat_completion;
mod chat_request;
mod completion_job;
mod completion_stream;
mod completions;
mod embeddings;
mod error;
mod models;
mod usage;

use axum::Router;
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};

use crate::ApiState;
use crate::refusal::{Refusal, RefusalKind};

pub use error::OpenAiError;

/// The `/v1` routes.
pub fn routes() -> Router<ApiState> {
    Router::new()
        .route("/v1/chat/completions", post(chat_completion::handle))
        .route("/v1/completions", post(completions::handle))
        .route("/v1/embeddings", post(embeddings::handle))
        .route("/v1/models", get(models::list))
        .route("/v1/models/{*id}", get(models::get))
        .route("/v1/{*rest}", any(unknown_path))
}

/// A request without the API token.
pub fn unauthorized() -> Response {
    OpenAiError(Refusal::new(
        RefusalKind::Unauthorized,
        "this llm-runner asks for its API token: send it as the API key (Authorization: Bearer …)",
    ))
    .into_response()
}

async fn unknown_path(uri: axum::http::Uri) -> OpenAiError {
    OpenAiError(Refusal::new(
        RefusalKind::NotFound,
        format!(
            "llm-runner does not serve {}: it serves /v1/chat/completions, /v1/completions, \
             /v1/embeddings and /v1/models",
            uri.path()
        ),
    ))
}
