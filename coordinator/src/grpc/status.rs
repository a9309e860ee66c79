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
        JobError::NotFound(_) | JobError::NodeNotFound(_) => Code::NotFound,
        JobError::AlreadyEnded { .. } => Code::FailedPrecondition,
        JobError::Store(_) => Code::Internal,
        JobError::ShuttingDown => Code::Unavailable,
    };
    Status::new(code, error.to_string())
}

#[cfg(test)]
mod tests {
    use proto::v1::{IneligibilityCode, Job, JobSpec, NodeIneligibility};
    use tonic_types::StatusExt;

    use super::*;

    fn rejected(code: IneligibilityCode, transient: bool) -> Rejected {
        Rejected {
            job: Job {
                id: "J1".into(),
                spec: Some(JobSpec {
                    model: "gemma4:27b".into(),
                    ..Default::default()
                }),
                reason: "no node can run gemma4:27b: davas: ollama not answering".into(),
                ..Default::default()
            },
            reasons: vec![NodeIneligibility {
                node: "davas".into(),
                code: code as i32,
                reason: "davas: ollama not answering".into(),
            }],
            transient,
        }
    }

    #[test]
    fn a_rejection_carries_one_violation_per_node() {
        let status = rejection_status(&rejected(IneligibilityCode::OllamaDown, true));
        assert_eq!(status.code(), Code::Unavailable);
        assert!(status.message().contains("gemma4:27b"));
        let failure = status.get_details_precondition_failure().unwrap();
        assert_eq!(failure.violations[0].subject, "davas");
        assert_eq!(failure.violations[0].r#type, "OLLAMA_DOWN");
        let info = status.get_details_error_info().unwrap();
        assert_eq!(info.metadata["model"], "gemma4:27b");
        let permanent = rejection_status(&rejected(IneligibilityCode::ModelNotInstalled, false));
        assert_eq!(permanent.code(), Code::FailedPrecondition);
    }

    #[test]
    fn job_errors_map_to_codes_that_say_what_happened() {
        assert_eq!(
            job_error_status(JobError::NotFound("x".into())).code(),
            Code::NotFound
        );
        let ended = JobError::AlreadyEnded {
            id: "x".into(),
            state: "succeeded".into(),
        };
        assert_eq!(job_error_status(ended).code(), Code::FailedPrecondition);
    }
}
