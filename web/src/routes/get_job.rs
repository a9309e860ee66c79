//! `GET /jobs/{id}`: one job with its timings, token counts, input, output and reasons; a live
//! job streams its output.

use axum::extract::{Path, State};
use maud::Markup;
use proto::v1::GetJobRequest;

use crate::app_state::{AppState, now_ms};
use crate::page_error::PageError;
use crate::views::job_detail::job_page_body;
use crate::views::layout::{Section, page};

pub async fn get_job(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Markup, PageError> {
    let job = match state
        .coordinator
        .jobs()
        .get_job(GetJobRequest { id: id.clone() })
        .await
    {
        Ok(job) => job.into_inner(),
        // The coordinator's message gives CLI advice; this page links the jobs list instead.
        Err(status) if status.code() == tonic::Code::NotFound => {
            return Err(PageError::NotFound(format!("no job {id}")));
        }
        Err(status) => return Err(status.into()),
    };
    Ok(page(
        &format!("Job {}", job.id),
        Section::Jobs,
        job_page_body(&job, now_ms()),
    ))
}

#[cfg(test)]
mod tests;
