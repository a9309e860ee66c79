//! gRPC statuses for rejections and job errors: codes that say what happened, one violation per node.

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
            reason: "no node can run gemma4:27b".into(),
            ..Default::default()
        },
        reasons: vec![NodeIneligibility {
            node: "davas".into(),
            code: code as i32,
            reason: "davas: ollama not answering".into(),
        }],
        transient,
        listed: true,
        retry_after_ms: None,
        durable: None,
    }
}

#[test]
fn a_rejection_carries_one_violation_per_node() {
    let status = rejection_status(&rejected(IneligibilityCode::OllamaDown, true));
    assert_eq!(status.code(), Code::Unavailable);
    // The message is the headline only: the reasons travel once, in the details.
    assert_eq!(status.message(), "no node can run gemma4:27b");
    let failure = status.get_details_precondition_failure().unwrap();
    assert_eq!(failure.violations[0].subject, "davas");
    assert_eq!(failure.violations[0].r#type, "OLLAMA_DOWN");
    let info = status.get_details_error_info().unwrap();
    assert_eq!(info.metadata["model"], "gemma4:27b");
    assert_eq!(info.metadata["job_id"], "J1");
    assert_eq!(info.metadata["listed"], "true");
    assert!(status.get_details_retry_info().is_none());
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
    let reused = job_error_status(JobError::IdempotencyKeyReused {
        key: "vault:01KB".into(),
        job_id: "01KB3ZQ4T8".into(),
    });
    assert_eq!(reused.code(), Code::AlreadyExists);
    assert!(
        reused.message().starts_with(
            "idempotency key vault:01KB was used for job 01KB3ZQ4T8 with a different request"
        ),
        "{}",
        reused.message()
    );
}

#[test]
fn a_rate_limited_rejection_says_when_to_retry() {
    let mut rejected = rejected(IneligibilityCode::RateLimited, true);
    rejected.retry_after_ms = Some(2_500);
    let status = rejection_status(&rejected);
    let retry = status.get_details_retry_info().unwrap();
    assert_eq!(
        retry.retry_delay,
        Some(std::time::Duration::from_millis(2_500))
    );
}
