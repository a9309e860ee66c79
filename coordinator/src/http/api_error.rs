//! Errors of the JSON API: a status code and `{"error": "..."}` saying what went wrong.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::cluster::JobError;

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }
}

impl From<JobError> for ApiError {
    fn from(error: JobError) -> Self {
        let status = match &error {
            JobError::NotFound(_) | JobError::NodeNotFound { .. } => StatusCode::NOT_FOUND,
            JobError::AlreadyEnded { .. } | JobError::IdempotencyKeyReused { .. } => {
                StatusCode::CONFLICT
            }
            JobError::Store(_) => StatusCode::INTERNAL_SERVER_ERROR,
            JobError::ShuttingDown => StatusCode::SERVICE_UNAVAILABLE,
        };
        Self {
            status,
            message: error.to_string(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.status,
            Json(serde_json::json!({ "error": self.message })),
        )
            .into_response()
    }
}
