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
    let job = state
        .coordinator
        .jobs()
        .get_job(GetJobRequest { id })
        .await?
        .into_inner();
    Ok(page(
        &format!("Job {}", job.id),
        Section::Jobs,
        job_page_body(&job, now_ms()),
    ))
}

#[cfg(test)]
mod tests {
    use proto::v1::{Job, JobState};

    use crate::test_support::{TestApp, running_job};

    #[tokio::test]
    async fn a_job_page_shows_its_state_and_output() {
        let app = TestApp::start().await;
        app.coordinator.put_job(Job {
            state: JobState::Succeeded as i32,
            output: "the sky scatters blue light".into(),
            ..running_job("J1", "qwen2.5:14b")
        });
        let (status, body) = app.get("/jobs/J1").await;
        assert_eq!(status, 200);
        assert!(
            body.contains("the sky scatters blue light") && body.contains("state-succeeded"),
            "{body}"
        );
    }

    #[tokio::test]
    async fn an_unknown_job_is_not_found() {
        let app = TestApp::start().await;
        let (status, body) = app.get("/jobs/NOPE").await;
        assert_eq!(status, 404);
        assert!(body.contains("no job NOPE"));
    }
}
