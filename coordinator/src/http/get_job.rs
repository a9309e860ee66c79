//! `GET /api/jobs/{id}`: one job with its state, timings, output and reasons.

use axum::Json;
use axum::extract::{Path, State};
use proto::v1::Job;

use super::api_error::ApiError;
use super::router::HttpState;
use crate::job_id::looks_like_job_id;

pub async fn get_job(
    State(state): State<HttpState>,
    Path(id): Path<String>,
) -> Result<Json<Job>, ApiError> {
    if !looks_like_job_id(&id) {
        return Err(ApiError::bad_request(format!(
            "`{}` is not a job id",
            id.escape_debug()
        )));
    }
    Ok(Json(state.cluster.get(id).await?))
}
