//! `GET /usage?days=7|30|90`: tokens and cost over the last days (UTC), charted per day per
//! model and tabled by model, with every budget's use. Two `GetUsage` calls, made together.

use axum::extract::{Query, State};
use maud::Markup;
use proto::v1::{GetUsageRequest, UsageGrouping};
use serde::Deserialize;

use crate::app_state::{AppState, now_ms};
use crate::page_error::PageError;
use crate::views::layout::{Section, page};
use crate::views::usage_page::{RANGES, first_day_of_last, usage_page_body};

const DEFAULT_DAYS: u32 = 30;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct UsageQuery {
    days: Option<u32>,
}

pub async fn get_usage(
    State(state): State<AppState>,
    Query(query): Query<UsageQuery>,
) -> Result<Markup, PageError> {
    let days = query.days.unwrap_or(DEFAULT_DAYS);
    if !RANGES.contains(&days) {
        return Err(PageError::BadInput(format!(
            "days={days} is not a range this page shows; use 7, 30 or 90"
        )));
    }
    let request = |by: Vec<UsageGrouping>| GetUsageRequest {
        since: first_day_of_last(days, now_ms()),
        by: by.into_iter().map(|by| by as i32).collect(),
        ..Default::default()
    };
    let mut charts_client = state.coordinator.usage();
    let mut table_client = state.coordinator.usage();
    let (by_day_model, by_model) = tokio::join!(
        charts_client.get_usage(request(vec![UsageGrouping::Day, UsageGrouping::Model])),
        table_client.get_usage(request(vec![UsageGrouping::Model])),
    );
    let (by_day_model, by_model) = (by_day_model?.into_inner(), by_model?.into_inner());
    Ok(page(
        "Usage",
        Section::Usage,
        usage_page_body(days, &by_day_model, &by_model),
    ))
}

#[cfg(test)]
mod tests;
