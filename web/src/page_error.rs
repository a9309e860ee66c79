//! What a page shows when it cannot do what was asked: a short page with the status and a
//! sentence saying what went wrong and what to do.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::html;
use tonic::Code;

use crate::conversations::ConversationStoreError;
use crate::views::layout::{Section, page};

#[derive(Debug, thiserror::Error)]
pub enum PageError {
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    BadInput(String),
    #[error(
        "the coordinator's gRPC API answered {code:?}: {message}; is the coordinator running and healthy?"
    )]
    Coordinator { code: Code, message: String },
    /// The coordinator serves no such API (UNIMPLEMENTED): the sentence says which and why.
    #[error("{0}")]
    NotServed(String),
    #[error(transparent)]
    Conversations(#[from] ConversationStoreError),
}

impl From<tonic::Status> for PageError {
    fn from(status: tonic::Status) -> Self {
        match status.code() {
            Code::NotFound => Self::NotFound(status.message().to_owned()),
            Code::InvalidArgument | Code::FailedPrecondition => {
                Self::BadInput(status.message().to_owned())
            }
            code => Self::Coordinator {
                code,
                message: status.message().to_owned(),
            },
        }
    }
}

/// How a schedules page explains a coordinator that serves no `ScheduleService`.
pub const SCHEDULES_NOT_SERVED: &str = "this coordinator does not serve schedules (its \
     ScheduleService answered UNIMPLEMENTED): run `runner serve` from the same release as this web UI";

impl PageError {
    /// A failed `ScheduleService` call: UNIMPLEMENTED says this coordinator has no schedules;
    /// everything else reads as any coordinator failure (unreachable, not found, …).
    pub fn from_schedules(status: tonic::Status) -> Self {
        if status.code() == Code::Unimplemented {
            Self::NotServed(SCHEDULES_NOT_SERVED.to_owned())
        } else {
            Self::from(status)
        }
    }

    pub fn status_code(&self) -> StatusCode {
        match self {
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::BadInput(_) => StatusCode::BAD_REQUEST,
            Self::Coordinator {
                code: Code::Unavailable,
                ..
            } => StatusCode::SERVICE_UNAVAILABLE,
            Self::Coordinator { .. } => StatusCode::BAD_GATEWAY,
            Self::NotServed(_) => StatusCode::NOT_IMPLEMENTED,
            Self::Conversations(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = self.status_code();
        if status.is_server_error() {
            tracing::warn!(error = %self, "a web UI page failed");
        }
        let title = status.canonical_reason().unwrap_or("error");
        let body = html! {
            section.card.error-page {
                h1 { (title) }
                p role="alert" { (self.to_string()) }
                p { a href="/jobs" { "See every job" } " · " a href="/" { "Back to the dashboard" } }
            }
        };
        (status, page(title, Section::None, body)).into_response()
    }
}

#[cfg(test)]
mod tests;
