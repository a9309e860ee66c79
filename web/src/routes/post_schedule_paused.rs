//! `POST /schedules/{name}/paused` (form `paused=true|false`): pauses or resumes a schedule
//! through `ScheduleService.SetSchedulePaused`, answering with its row for htmx or a 303 to
//! its page.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use proto::v1::SetSchedulePausedRequest;
use serde::Deserialize;

use crate::app_state::{AppState, now_ms};
use crate::page_error::PageError;
use crate::routes::row_or_redirect;

#[derive(Debug, Deserialize)]
pub struct PausedForm {
    paused: bool,
}

pub async fn post_schedule_paused(
    State(state): State<AppState>,
    Path(name): Path<String>,
    headers: HeaderMap,
    Form(form): Form<PausedForm>,
) -> Result<Response, PageError> {
    let request = SetSchedulePausedRequest {
        name: name.clone(),
        paused: form.paused,
    };
    let schedule = state
        .coordinator
        .schedules()
        .set_schedule_paused(request)
        .await
        .map_err(PageError::from_schedules)?
        .into_inner();
    tracing::info!(schedule = %name, paused = form.paused, "schedule paused changed from the web UI");
    Ok(row_or_redirect(&headers, &schedule, now_ms()))
}

#[cfg(test)]
mod tests;
