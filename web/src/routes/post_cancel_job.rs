//! `POST /jobs/{id}/cancel`: the Stop button; `JobService.CancelJob` aborts the Ollama request.
//! The page's event stream then shows the job cancelled.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use proto::v1::CancelJobRequest;

use crate::app_state::AppState;
use crate::page_error::PageError;
use crate::routes::after_post;

pub async fn post_cancel_job(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let request = CancelJobRequest { id: id.clone() };
    match state.coordinator.jobs().cancel_job(request).await {
        Ok(_) => tracing::info!(job_id = %id, "job cancelled from the web UI"),
        // It ended before the click arrived: its page shows how.
        Err(status) if status.code() == tonic::Code::FailedPrecondition => {}
        Err(status) => return Err(PageError::from(status)),
    }
    Ok(after_post(&headers, &format!("/jobs/{id}")))
}

#[cfg(test)]
mod tests;
