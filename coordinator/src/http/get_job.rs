//! `GET /api/jobs/{id}`: one job with its state, timings, output and reasons; `{id}` may be a
//! unique prefix of the id (at least 6 characters, any case).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use proto::v1::Job;

use super::api_error::ApiError;
use super::router::HttpState;
use crate::job_id::{JobIdError, resolve_job_id};

pub async fn get_job(
    State(state): State<HttpState>,
    Path(text): Path<String>,
) -> Result<Json<Job>, ApiError> {
    let store = state.store.clone();
    let id = tokio::task::spawn_blocking(move || resolve_job_id(store.as_ref(), &text))
        .await
        .map_err(|error| ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: error.to_string(),
        })?
        .map_err(id_error)?;
    Ok(Json(state.cluster.get(id).await?))
}

fn id_error(error: JobIdError) -> ApiError {
    let status = match error {
        JobIdError::NotFound(_) => StatusCode::NOT_FOUND,
        JobIdError::Store(_) => StatusCode::INTERNAL_SERVER_ERROR,
        _ => StatusCode::BAD_REQUEST,
    };
    ApiError {
        status,
        message: error.to_string(),
    }
}
