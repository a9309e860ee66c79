//! How cluster errors and rejections become gRPC statuses, with structured details a client
//! can read (`google.rpc.PreconditionFailure`, one violation per candidate node; `ErrorInfo`).

use std::collections::HashMap;

use proto::v1::IneligibilityCode;
use tonic::{Code, Status};
use tonic_types::{ErrorDetails, PreconditionViolation, StatusExt};

use crate::cluster::{JobError, Rejected};

/// The domain in `ErrorInfo` details.
pub const ERROR_DOMAIN: &str = "llm-runner";

pub fn rejection_status(rejected: &Rejected) -> Status {
    let code = if rejected.transient {
        Code::Unavailable
    } else {
        Code::FailedPrecondition
    };
    let model = rejected
        .job
        .spec
        .as_ref()
        .map(|spec| spec.model.clone())
        .unwrap_or_default();
    let violations: Vec<PreconditionViolation> = rejected
        .reasons
        .iter()
        .map(|reason| {
            let kind = IneligibilityCode::try_from(reason.code)
                .map(|code| {
                    code.as_str_name()
                        .trim_start_matches("INELIGIBILITY_CODE_")
                        .to_owned()
                })
                .unwrap_or_default();
            PreconditionViolation::new(kind, reason.node.clone(), reason.reason.clone())
        })
        .collect();
    let mut details = ErrorDetails::with_precondition_failure(violations);
    let metadata = HashMap::from([
        ("model".to_owned(), model),
        ("job_id".to_owned(), rejected.job.id.clone()),
    ]);
    details.set_error_info("NO_ELIGIBLE_NODE", ERROR_DOMAIN, metadata);
    Status::with_error_details(code, rejected.job.reason.clone(), details)
}

pub fn job_error_status(error: JobError) -> Status {
    let code = match &error {
        JobError::NotFound(_) | JobError::NodeNotFound { .. } => Code::NotFound,
        JobError::AlreadyEnded { .. } => Code::FailedPrecondition,
        JobError::Store(_) => Code::Internal,
        JobError::ShuttingDown => Code::Unavailable,
    };
    Status::new(code, error.to_string())
}

#[cfg(test)]
mod tests;
