//! `POST /jobs` (form `kind=generate|chat`, `model`, `prompt`): submits a job and shows its
//! page, which streams it; a rejected job's page shows why, node by node.

use axum::Form;
use axum::extract::State;
use axum::response::Redirect;
use proto::v1::{ChatMessage, JobKind, JobSpec};
use serde::Deserialize;

use crate::app_state::AppState;
use crate::page_error::PageError;
use crate::submission::{Submission, submit};

#[derive(Debug, Deserialize)]
pub struct JobForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    model: String,
    #[serde(default)]
    prompt: String,
}

pub async fn post_job(
    State(state): State<AppState>,
    Form(form): Form<JobForm>,
) -> Result<Redirect, PageError> {
    if form.model.is_empty() {
        return Err(PageError::BadInput(
            "choose a model that is available".to_owned(),
        ));
    }
    if form.prompt.trim().is_empty() {
        return Err(PageError::BadInput(
            "write a prompt before submitting".to_owned(),
        ));
    }
    let spec = match form.kind.as_str() {
        "generate" => JobSpec {
            kind: JobKind::Generate as i32,
            model: form.model.clone(),
            prompt: form.prompt.clone(),
            ..Default::default()
        },
        "chat" => JobSpec {
            kind: JobKind::Chat as i32,
            model: form.model.clone(),
            messages: vec![ChatMessage {
                role: "user".to_owned(),
                content: form.prompt.clone(),
            }],
            ..Default::default()
        },
        other => {
            return Err(PageError::BadInput(format!(
                "unknown job kind {other:?}; use generate or chat"
            )));
        }
    };
    let job_id = match submit(&state.coordinator, spec).await? {
        Submission::Accepted(job) => job.id,
        Submission::Rejected(rejection) if !rejection.job_id.is_empty() => rejection.job_id,
        Submission::Rejected(rejection) => return Err(PageError::BadInput(rejection.reason)),
    };
    tracing::info!(%job_id, model = %form.model, kind = %form.kind, "job submitted from the web UI");
    Ok(Redirect::to(&format!("/jobs/{job_id}")))
}

#[cfg(test)]
mod tests {
    use axum::http::StatusCode;
    use proto::v1::JobKind;

    use crate::test_support::TestApp;

    #[tokio::test]
    async fn generate_and_chat_jobs_are_submitted_and_shown() {
        let app = TestApp::start().await;
        let response = app
            .post_form("/jobs", "kind=generate&model=qwen2.5%3A14b&prompt=why%3F")
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(response.headers()["location"], "/jobs/J1");
        app.post_form("/jobs", "kind=chat&model=qwen2.5%3A14b&prompt=hi")
            .await;
        let submitted = app.coordinator.submitted();
        assert_eq!(
            (submitted[0].kind, submitted[0].prompt.as_str()),
            (JobKind::Generate as i32, "why?")
        );
        assert_eq!(submitted[1].messages[0].content, "hi");
    }

    #[tokio::test]
    async fn a_rejected_job_leads_to_its_page_with_the_reason() {
        let app = TestApp::start().await;
        let response = app
            .post_form("/jobs", "kind=generate&model=gemma4%3A27b&prompt=hi")
            .await;
        assert_eq!(response.headers()["location"], "/jobs/J1");
        let (_, page) = app.get("/jobs/J1").await;
        assert!(page.contains("state-rejected"), "{page}");
    }

    #[tokio::test]
    async fn bad_forms_are_refused_with_what_to_do() {
        let app = TestApp::start().await;
        let response = app
            .post_form("/jobs", "kind=embed&model=qwen2.5%3A14b&prompt=hi")
            .await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        let response = app.post_form("/jobs", "kind=generate&prompt=hi").await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        assert!(app.coordinator.submitted().is_empty());
    }
}
