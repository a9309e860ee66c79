//! `GET /api/jobs?state=&model=&node=&limit=&before=`: jobs, newest first, with
//! `next_before_id` when older matching jobs exist.

use axum::Json;
use axum::extract::{Query, State};
use proto::v1::{JobState, ListJobsRequest, ListJobsResponse};
use serde::Deserialize;

use super::api_error::ApiError;
use super::router::HttpState;
use crate::grpc::job_filter;
use crate::store::list_page;

/// The words `state=` takes, as the CLI prints them; the JSON's `JOB_STATE_…` names work too.
const STATE_WORDS: [(&str, JobState); 6] = [
    ("queued", JobState::Queued),
    ("running", JobState::Running),
    ("succeeded", JobState::Succeeded),
    ("failed", JobState::Failed),
    ("cancelled", JobState::Cancelled),
    ("rejected", JobState::Rejected),
];

#[derive(Debug, Deserialize)]
pub struct JobsQuery {
    state: Option<String>,
    model: Option<String>,
    node: Option<String>,
    limit: Option<u32>,
    before: Option<String>,
}

pub async fn get_jobs(
    State(state): State<HttpState>,
    Query(query): Query<JobsQuery>,
) -> Result<Json<ListJobsResponse>, ApiError> {
    let job_state = match query.state.as_deref() {
        None | Some("") => None,
        Some(name) => Some(parse_state(name)? as i32),
    };
    let request = ListJobsRequest {
        state: job_state,
        model: query.model.unwrap_or_default(),
        node: query.node.unwrap_or_default(),
        limit: query.limit.unwrap_or(0),
        before_id: query.before.unwrap_or_default(),
    };
    let filter = job_filter(request).map_err(|status| ApiError::bad_request(status.message()))?;
    let store = state.store.clone();
    let page = tokio::task::spawn_blocking(move || list_page(store.as_ref(), filter))
        .await
        .map_err(|error| error.to_string())
        .and_then(|listed| listed.map_err(|error| error.to_string()))
        .map_err(|message| ApiError {
            status: axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            message,
        })?;
    Ok(Json(page))
}

/// `failed`, `FAILED` or `JOB_STATE_FAILED`: the CLI's word or the JSON's name, in any case.
fn parse_state(name: &str) -> Result<JobState, ApiError> {
    let upper = name.to_ascii_uppercase();
    let word = upper.strip_prefix("JOB_STATE_").unwrap_or(&upper);
    STATE_WORDS
        .iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(word))
        .map(|(_, state)| *state)
        .ok_or_else(|| {
            let words: Vec<&str> = STATE_WORDS.iter().map(|(known, _)| *known).collect();
            ApiError::bad_request(format!(
                "state `{}` is not one of {} (or their JSON names, e.g. JOB_STATE_FAILED)",
                name.escape_debug(),
                words.join(", ")
            ))
        })
}

#[cfg(test)]
mod tests;
