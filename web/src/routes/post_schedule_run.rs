//! `POST /schedules/{name}/run`: fires a schedule now through `ScheduleService.RunSchedule`
//! (a rejected firing is an answer, shown in the row, not an error), then answers with the
//! schedule's fresh row for htmx or a 303 to its page.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use proto::v1::{GetScheduleRequest, RunScheduleRequest};

use crate::app_state::{AppState, now_ms};
use crate::page_error::PageError;
use crate::routes::row_or_redirect;

pub async fn post_schedule_run(
    State(state): State<AppState>,
    Path(name): Path<String>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let mut schedules = state.coordinator.schedules();
    let firing = schedules
        .run_schedule(RunScheduleRequest { name: name.clone() })
        .await
        .map_err(PageError::from_schedules)?
        .into_inner();
    tracing::info!(schedule = %name, job_id = %firing.job_id, outcome = firing.outcome, "schedule run from the web UI");
    let request = GetScheduleRequest {
        name: name.clone(),
        limit: 1,
    };
    let schedule = schedules
        .get_schedule(request)
        .await
        .map_err(PageError::from_schedules)?
        .into_inner();
    Ok(row_or_redirect(&headers, &schedule, now_ms()))
}

#[cfg(test)]
mod tests;
