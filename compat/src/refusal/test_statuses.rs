//! Statuses shaped as the coordinator builds a rejection (`coordinator/src/grpc/status.rs`):
//! one `PreconditionFailure` violation per node with the code's name as its type, `ErrorInfo`
//! with the job id and whether the model is listed, `RetryInfo` when a wait is known.

use std::collections::HashMap;
use std::time::Duration;

use tonic::{Code, Status};
use tonic_types::{ErrorDetails, PreconditionViolation, StatusExt};

/// The reason text the coordinator gives a node held back by a spent budget.
pub(crate) fn budget_reason(node: &str) -> String {
    format!(
        "{node}: budget claude-daily (daily USD) spent: $10.40 of $10.00; resets at \
         2026-12-04T00:00:00Z"
    )
}

/// A rejection of `claude-sonnet-4-5` with `(type, node)` violations and an optional wait.
pub(crate) fn rejection_status(violations: &[(&str, &str)], retry: Option<Duration>) -> Status {
    let violations = violations
        .iter()
        .map(|(kind, node)| {
            let reason = if *kind == "BUDGET_EXHAUSTED" {
                budget_reason(node)
            } else {
                format!("{node}: {kind}")
            };
            PreconditionViolation::new(*kind, *node, reason)
        })
        .collect::<Vec<_>>();
    let mut details = ErrorDetails::with_precondition_failure(violations);
    let metadata = HashMap::from([
        ("model".to_owned(), "claude-sonnet-4-5".to_owned()),
        ("job_id".to_owned(), "01JOB".to_owned()),
        ("listed".to_owned(), "true".to_owned()),
    ]);
    details.set_error_info("NO_ELIGIBLE_NODE", "llm-runner", metadata);
    if let Some(wait) = retry {
        details.set_retry_info(Some(wait));
    }
    Status::with_error_details(
        Code::FailedPrecondition,
        "no node can run claude-sonnet-4-5",
        details,
    )
}
