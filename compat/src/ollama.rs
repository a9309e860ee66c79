//! The Ollama dialect: `/api/chat`, `/api/generate`, `/api/embed`, `/api/tags`, `/api/ps`,
//! `/api/version`, as Ollama's own clients call them, with Ollama's `{"error": "…"}` errors.

use axum::Router;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::ApiState;

/// The Ollama-compatible routes.
pub fn routes() -> Router<ApiState> {
    Router::new()
}

/// A request without the API token, answered as Ollama answers one.
pub fn unauthorized() -> Response {
    (
        StatusCode::UNAUTHORIZED,
        axum::Json(json!({"error": "unauthorized: this llm-runner asks for its API token (Authorization: Bearer …)"})),
    )
        .into_response()
}
