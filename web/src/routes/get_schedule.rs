//! `GET /schedules/{name}`: one schedule with its recent firings and their agent runs, from
//! `ScheduleService.GetSchedule` (NOT_FOUND for a name not configured).

use axum::extract::{Path, State};
use maud::Markup;
use proto::v1::GetScheduleRequest;

use crate::app_state::{AppState, now_ms};
use crate::page_error::PageError;
use crate::views::layout::{Section, page};
use crate::views::schedule_detail::schedule_detail_body;

/// How many recent firings the page shows.
pub const RECENT_FIRINGS: u32 = 20;

pub async fn get_schedule(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> Result<Markup, PageError> {
    let request = GetScheduleRequest {
        name,
        limit: RECENT_FIRINGS,
    };
    let schedule = state
        .coordinator
        .schedules()
        .get_schedule(request)
        .await
        .map_err(PageError::from_schedules)?
        .into_inner();
    let title = format!("Schedule {}", schedule.name);
    Ok(page(
        &title,
        Section::Schedules,
        schedule_detail_body(&schedule, now_ms()),
    ))
}

#[cfg(test)]
mod tests;
