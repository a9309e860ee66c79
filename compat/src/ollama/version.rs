//! `GET /api/version`: the Ollama API version this dialect follows. Clients call it to see an
//! Ollama is there (Open WebUI checks a connection with it and only compares it against old
//! minimums such as 0.1.x; the `ollama` Python package does not check it), so it names the
//! Ollama release whose documented API (docs/api.md, api/types.go) these routes follow — the
//! one the stand-in Ollama in the tests reports too — not llm-runner's own version.

#[cfg(test)]
mod tests;

use axum::Json;
use serde_json::{Value, json};

/// The Ollama release whose API this dialect is compatible with.
pub const OLLAMA_API_VERSION: &str = "0.12.6";

pub async fn handle() -> Json<Value> {
    Json(json!({ "version": OLLAMA_API_VERSION }))
}
