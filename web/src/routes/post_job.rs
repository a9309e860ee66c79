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
mod tests;
