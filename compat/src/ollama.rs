//! The Ollama dialect, as Ollama's own clients (the `ollama` Python package, Open WebUI,
//! Continue) call it, following Ollama's docs/api.md and api/types.go:
//! - `POST /api/chat`, `POST /api/generate`: a chat or generate job, streamed as NDJSON unless
//!   `"stream": false`; the last object has `done: true`, `done_reason` and the statistics the
//!   node measured. A request with nothing to answer is Ollama's "load the model" call.
//! - `POST /api/embed` (`/api/embeddings`, its older form): an embed job.
//! - `GET /api/tags`, `GET /api/ps`, `POST /api/show`: the models some node can run now, those
//!   loaded in memory, one model's facts, each with its nodes (`nodes`, `node`).
//! - `GET /api/version`: the Ollama API version followed.
//!
//! Every answer's `model` is the model that really ran, and says which job and node served it
//! (`x-llm-runner-job-id`, `x-llm-runner-node`). A refusal is Ollama's `{"error": "…"}` with its
//! status (`error.rs`); what a job cannot carry (images, tools, thinking, …) is refused with
//! 400, never dropped into a different answer. Only these paths are routed: the coordinator's
//! own `/api/nodes`, `/api/models`, `/api/jobs`, `/api/alerts` live on the same server.

mod chat;
mod embed;
mod embeddings;
mod error;
mod generate;
mod model_lookup;
mod ndjson;
mod ps;
mod reply;
mod request;
mod show;
mod tags;
mod text_job;
mod version;

#[cfg(test)]
mod tests;

use axum::Router;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use crate::ApiState;
use crate::refusal::{Refusal, RefusalKind};

pub use error::OllamaError;

/// The Ollama-compatible routes.
pub fn routes() -> Router<ApiState> {
    Router::new()
        .route("/api/chat", post(chat::handle))
        .route("/api/generate", post(generate::handle))
        .route("/api/embed", post(embed::handle))
        .route("/api/embeddings", post(embeddings::handle))
        .route("/api/tags", get(tags::handle))
        .route("/api/ps", get(ps::handle))
        .route("/api/show", post(show::handle))
        .route("/api/version", get(version::handle))
}

/// A request without the API token, answered as Ollama answers one.
pub fn unauthorized() -> Response {
    OllamaError(Refusal::new(
        RefusalKind::Unauthorized,
        "unauthorized: this llm-runner asks for its API token (Authorization: Bearer …)",
    ))
    .into_response()
}
