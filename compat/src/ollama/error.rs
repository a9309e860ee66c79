//! A refusal in Ollama's error shape: `{"error": "…"}` with the status Ollama's handlers use —
//! 400 for a bad request, 404 for a model nobody has (`model "x" not found: …`, Ollama's own
//! words followed by why), 503 when the model exists but no node can run it now, 429 with
//! `retry-after` while a provider's rate limit lasts or until a spent budget resets, 500
//! otherwise. The one string carries
//! every node's reason; a rejection also says which recorded job it was
//! (`x-llm-runner-job-id`).

#[cfg(test)]
mod tests;

use axum::Json;
use axum::body::Bytes;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::refusal::{Refusal, RefusalKind};

/// A refusal answered the Ollama way.
#[derive(Debug)]
pub struct OllamaError(pub Refusal);

impl OllamaError {
    /// A refusal of a request for `model`: one nobody has is worded as Ollama words it
    /// (`model "x" not found`), followed by our reason.
    /// The coordinator's "no node can run x" headline is folded into Ollama's words, keeping
    /// what follows it (a "did you mean").
    pub fn about(model: &str, mut refusal: Refusal) -> Self {
        if refusal.kind == RefusalKind::ModelNotFound {
            let headline = format!("no node can run {model}");
            refusal.message = match refusal.message.strip_prefix(&headline) {
                Some(rest) => format!("model {model:?} not found{rest}"),
                None => format!("model {model:?} not found: {}", refusal.message),
            };
        }
        Self(refusal)
    }

    pub fn status(&self) -> StatusCode {
        match self.0.kind {
            RefusalKind::InvalidRequest => StatusCode::BAD_REQUEST,
            RefusalKind::Unauthorized => StatusCode::UNAUTHORIZED,
            RefusalKind::NotFound | RefusalKind::ModelNotFound => StatusCode::NOT_FOUND,
            RefusalKind::ModelUnavailable => StatusCode::SERVICE_UNAVAILABLE,
            RefusalKind::RateLimited | RefusalKind::BudgetExhausted => {
                StatusCode::TOO_MANY_REQUESTS
            }
            RefusalKind::BackendFailed
            | RefusalKind::JobLost
            | RefusalKind::Cancelled
            | RefusalKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// `{"error": "…"}`, also the last line of a stream that fails after it began (as Ollama
    /// ends one).
    pub fn body(&self) -> Value {
        json!({ "error": self.0.full_message() })
    }

    /// The body as one NDJSON line.
    pub fn line(&self) -> Bytes {
        let mut line = self.body().to_string().into_bytes();
        line.push(b'\n');
        Bytes::from(line)
    }
}

impl IntoResponse for OllamaError {
    fn into_response(self) -> Response {
        let mut response = (self.status(), Json(self.body())).into_response();
        let headers = response.headers_mut();
        if let Some(wait) = self.0.retry_after {
            // Whole seconds, rounded up: retrying earlier is refused again.
            let seconds = wait.as_millis().div_ceil(1000).max(1);
            headers.insert("retry-after", HeaderValue::from(seconds as u64));
        }
        if let Some(id) = self
            .0
            .job_id
            .as_deref()
            .and_then(|id| HeaderValue::from_str(id).ok())
        {
            headers.insert("x-llm-runner-job-id", id);
        }
        response
    }
}
