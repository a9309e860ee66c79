//! `GET /schedules`: every configured schedule with its next and last firing, from
//! `ScheduleService.ListSchedules`; a coordinator without schedules says so in words.

use axum::extract::State;
use maud::Markup;
use proto::v1::ListSchedulesRequest;

use crate::app_state::{AppState, now_ms};
use crate::page_error::PageError;
use crate::views::layout::{Section, page};
use crate::views::schedules_page::schedules_page_body;

pub async fn get_schedules(State(state): State<AppState>) -> Result<Markup, PageError> {
    let answer = state
        .coordinator
        .schedules()
        .list_schedules(ListSchedulesRequest {})
        .await
        .map_err(PageError::from_schedules)?;
    let schedules = answer.into_inner().schedules;
    Ok(page(
        "Schedules",
        Section::Schedules,
        schedules_page_body(&schedules, now_ms()),
    ))
}

#[cfg(test)]
mod tests;
