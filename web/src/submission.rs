//! Submitting a job and telling a rejection (an answer: no node can run the model, with every
//! node's reason) apart from a failure (bad input, coordinator unreachable).

use client::Coordinator;
use proto::v1::{Job, JobSpec, SubmitJobRequest};
use tonic_types::StatusExt;

use crate::page_error::PageError;

/// The `ErrorInfo` reason the coordinator gives a rejection.
const REJECTED_REASON: &str = "NO_ELIGIBLE_NODE";

#[derive(Debug, Clone, PartialEq)]
pub enum Submission {
    Accepted(Box<Job>),
    Rejected(Rejection),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rejection {
    /// The id under which the rejection is recorded in the job history.
    pub job_id: String,
    pub reason: String,
    /// One line per candidate node ("davas: agent down since …").
    pub node_reasons: Vec<String>,
}

pub async fn submit(coordinator: &Coordinator, spec: JobSpec) -> Result<Submission, PageError> {
    let request = SubmitJobRequest { spec: Some(spec) };
    match coordinator.jobs().submit_job(request).await {
        Ok(response) => match response.into_inner().job {
            Some(job) => Ok(Submission::Accepted(Box::new(job))),
            None => Err(PageError::Coordinator {
                code: tonic::Code::Internal,
                message: "the coordinator accepted the job but sent no job back".to_owned(),
            }),
        },
        Err(status) => match rejection_of(&status) {
            Some(rejection) => Ok(Submission::Rejected(rejection)),
            None => Err(PageError::from(status)),
        },
    }
}

/// The rejection a status carries, when it is one.
pub fn rejection_of(status: &tonic::Status) -> Option<Rejection> {
    let info = status.get_details_error_info()?;
    if info.reason != REJECTED_REASON {
        return None;
    }
    let node_reasons = status
        .get_details_precondition_failure()
        .map(|failure| {
            failure
                .violations
                .into_iter()
                .map(|violation| violation.description)
                .collect()
        })
        .unwrap_or_default();
    Some(Rejection {
        job_id: info.metadata.get("job_id").cloned().unwrap_or_default(),
        reason: status.message().to_owned(),
        node_reasons,
    })
}

#[cfg(test)]
mod tests;
