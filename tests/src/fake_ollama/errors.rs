//! Error replies exactly as Ollama sends them: a JSON object with one `error` string and the
//! status code Ollama's handlers use (docs.ollama.com/api/errors, server/routes.go).

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// Ollama's scheduler refuses work with this when `OLLAMA_MAX_QUEUE` is exhausted
/// (server/sched.go `ErrMaxQueue`, mapped to 503 by routes.go `handleScheduleError`).
/// The two spaces after the full stop are Ollama's own.
pub const SERVER_BUSY_MESSAGE: &str =
    "server busy, please try again.  maximum pending requests exceeded";

#[derive(Serialize)]
struct ErrorBody {
    error: String,
}

/// `{"error": message}` with `status`.
pub(crate) fn ollama_error(status: StatusCode, message: impl Into<String>) -> Response {
    let body = ErrorBody {
        error: message.into(),
    };
    (status, Json(body)).into_response()
}

/// 404 for a model that is not installed, as the chat, generate and show handlers answer it:
/// `c.JSON(http.StatusNotFound, gin.H{"error": fmt.Sprintf("model '%s' not found", req.Model)})`
/// in current Ollama's server/routes.go. (The older `model "x" not found, try pulling it first`
/// now only comes from the scheduler; see [`model_not_found_by_scheduler`].)
pub(crate) fn model_not_found(requested_model: &str) -> Response {
    ollama_error(
        StatusCode::NOT_FOUND,
        format!("model '{requested_model}' not found"),
    )
}

/// 404 for a model that is not installed when the scheduler is the one to notice, which is the
/// case for `/api/embed` (routes.go `handleScheduleError`: `model %q not found, try pulling it
/// first`; Go's `%q` quotes with double quotes).
pub(crate) fn model_not_found_by_scheduler(requested_model: &str) -> Response {
    ollama_error(
        StatusCode::NOT_FOUND,
        format!("model {requested_model:?} not found, try pulling it first"),
    )
}

/// 503 while the stand-in is told its queue is full.
pub(crate) fn server_busy() -> Response {
    ollama_error(StatusCode::SERVICE_UNAVAILABLE, SERVER_BUSY_MESSAGE)
}

/// 500 for a request cut short because the stand-in stopped answering; the client never sees
/// it, since its connection is cut at the same moment.
pub(crate) fn stopped_answering() -> Response {
    ollama_error(
        StatusCode::INTERNAL_SERVER_ERROR,
        "the stand-in ollama stopped answering",
    )
}
