//! Tests of the `submission` module.

use std::collections::HashMap;

use tonic::Code;
use tonic_types::{ErrorDetails, PreconditionViolation};

use super::*;

#[test]
fn a_rejection_is_read_from_the_status_details() {
    let mut details = ErrorDetails::with_precondition_failure(vec![PreconditionViolation::new(
        "AGENT_DOWN",
        "davas",
        "davas: agent down since 10:00",
    )]);
    details.set_error_info(
        REJECTED_REASON,
        "llm-runner",
        HashMap::from([("job_id".to_owned(), "J9".to_owned())]),
    );
    let status =
        tonic::Status::with_error_details(Code::Unavailable, "no node can run gemma4:27b", details);
    let rejection = rejection_of(&status).unwrap();
    assert_eq!(rejection.job_id, "J9");
    assert_eq!(rejection.reason, "no node can run gemma4:27b");
    assert_eq!(
        rejection.node_reasons,
        vec!["davas: agent down since 10:00"]
    );
}

#[test]
fn other_failures_are_not_rejections() {
    assert_eq!(
        rejection_of(&tonic::Status::unavailable("connection refused")),
        None
    );
    assert_eq!(
        rejection_of(&tonic::Status::invalid_argument("empty prompt")),
        None
    );
}
