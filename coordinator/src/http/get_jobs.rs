//! `GET /api/jobs?state=&model=&node=&limit=&before=`: jobs, newest first.

use axum::Json;
use axum::extract::{Query, State};
use proto::v1::{JobState, ListJobsRequest, ListJobsResponse};
use serde::Deserialize;

use super::api_error::ApiError;
use super::router::HttpState;
use crate::grpc::job_filter;

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
        Some(name) => Some(
            JobState::from_str_name(&format!("JOB_STATE_{}", name.to_ascii_uppercase()))
                .ok_or_else(|| ApiError::bad_request(format!("state `{name}` is not one of queued, running, succeeded, failed, cancelled, rejected")))?
                as i32,
        ),
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
    let jobs = tokio::task::spawn_blocking(move || store.list(&filter))
        .await
        .map_err(|error| ApiError {
            status: axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            message: error.to_string(),
        })?
        .map_err(|error| ApiError {
            status: axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            message: error.to_string(),
        })?;
    Ok(Json(ListJobsResponse {
        jobs,
        next_before_id: String::new(),
    }))
}
