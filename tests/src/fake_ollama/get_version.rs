//! `GET /api/version`: `{"version": "..."}`, the version string of a current Ollama (the one in
//! docs.ollama.com's own example), since the agent reports it.

use axum::Json;
use serde::Serialize;

/// The Ollama version the stand-in claims to be.
pub const STAND_IN_OLLAMA_VERSION: &str = "0.12.6";

#[derive(Serialize)]
pub(crate) struct VersionReply {
    version: &'static str,
}

pub(crate) async fn handle() -> Json<VersionReply> {
    Json(VersionReply {
        version: STAND_IN_OLLAMA_VERSION,
    })
}
