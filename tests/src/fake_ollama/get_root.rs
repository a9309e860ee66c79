//! `GET /` and `HEAD /`: Ollama's liveness answer, the plain text `Ollama is running`.

/// The body Ollama's root route returns with 200.
pub const OLLAMA_IS_RUNNING: &str = "Ollama is running";

pub(crate) async fn handle() -> &'static str {
    OLLAMA_IS_RUNNING
}
