//! How cluster errors and rejections become gRPC statuses, with structured details a client
//! can read (`google.rpc.PreconditionFailure`, one violation per candidate node; `ErrorInfo`
//! with the job's id and whether the model is listed at all; `RetryInfo` when every node is
//! rate limited).

use std::collections::HashMap;
use std::time::Duration;

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
    // `listed`: the model exists here (a route or a node names it) but cannot run now.
    let metadata = HashMap::from([
        ("model".to_owned(), model),
        ("job_id".to_owned(), rejected.job.id.clone()),
        ("listed".to_owned(), rejected.listed.to_string()),
    ]);
    details.set_error_info("NO_ELIGIBLE_NODE", ERROR_DOMAIN, metadata);
    if let Some(wait_ms) = rejected.retry_after_ms {
        details.set_retry_info(Some(Duration::from_millis(wait_ms)));
    }
    Status::with_error_details(code, rejected.job.reason.clone(), details)
}

pub fn job_error_status(error: JobError) -> Status {
    let code = match &error {
        JobError::NotFound(_) | JobError::NodeNotFound { .. } => Code::NotFound,
        JobError::AlreadyEnded { .. } => Code::FailedPrecondition,
        JobError::IdempotencyKeyReused { .. } => Code::AlreadyExists,
        JobError::Store(_) => Code::Internal,
        JobError::ShuttingDown => Code::Unavailable,
    };
    Status::new(code, error.to_string())
}

#[cfg(test)]
mod tests;
