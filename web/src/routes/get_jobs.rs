//! `GET /jobs?state=&model=&node=&before=`: the job history, newest first, filtered, a page at
//! a time (`before` is the last id of the previous page).

use axum::extract::{Query, State};
use maud::Markup;
use proto::v1::ListJobsRequest;
use serde::Deserialize;

use crate::app_state::{AppState, now_ms};
use crate::page_error::PageError;
use crate::routes::query_value;
use crate::views::job_list::{JobFilterValues, STATES, job_list_body};
use crate::views::layout::{Section, page};

pub const PAGE_SIZE: u32 = 50;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct JobsQuery {
    state: String,
    model: String,
    node: String,
    before: String,
}

pub async fn get_jobs(
    State(state): State<AppState>,
    Query(query): Query<JobsQuery>,
) -> Result<Markup, PageError> {
    let state_filter = match query.state.as_str() {
        "" => None,
        word => Some(client::words::parse_job_state(word).ok_or_else(|| {
            PageError::BadInput(format!(
                "unknown state {word:?}; use one of {}",
                STATES.join(", ")
            ))
        })?),
    };
    let request = ListJobsRequest {
        state: state_filter.map(|state| state as i32),
        model: query.model.trim().to_owned(),
        node: query.node.clone(),
        limit: PAGE_SIZE,
        before_id: query.before.clone(),
    };
    let jobs = state
        .coordinator
        .jobs()
        .list_jobs(request)
        .await?
        .into_inner()
        .jobs;
    let older_href = (jobs.len() == PAGE_SIZE as usize)
        .then(|| jobs.last())
        .flatten()
        .map(|last| {
            format!(
                "/jobs?state={}&model={}&node={}&before={}",
                query_value(&query.state),
                query_value(query.model.trim()),
                query_value(&query.node),
                query_value(&last.id)
            )
        });
    let filters = JobFilterValues {
        state: query.state,
        model: query.model,
        node: query.node,
    };
    let view = state.current_view().await;
    Ok(page(
        "Jobs",
        Section::Jobs,
        job_list_body(&jobs, &filters, older_href, &view, now_ms()),
    ))
}

#[cfg(test)]
mod tests;
