//! Tests of the `rejection` module.

use std::collections::HashMap;

use tonic::Code;
use tonic_types::{ErrorDetails, PreconditionViolation};

use super::*;

#[test]
fn each_node_reason_is_written_once_after_the_recorded_job() {
    let violations = vec![
        PreconditionViolation::new("DRAINING", "homelab", "homelab: draining"),
        PreconditionViolation::new("DRAINING", "homelab", "draining"),
        PreconditionViolation::new("MODEL_NOT_INSTALLED", "davas", "model x not installed"),
    ];
    let mut details = ErrorDetails::with_precondition_failure(violations);
    details.set_error_info(
        "NO_ELIGIBLE_NODE",
        "llm-runner",
        HashMap::from([("job_id".to_owned(), "01JREJ".to_owned())]),
    );
    let status = Status::with_error_details(Code::FailedPrecondition, "no node can run x", details);
    assert_eq!(rejected_job_id(&status).as_deref(), Some("01JREJ"));
    let mut err = Vec::new();
    write_rejection_details(&status, &mut err).unwrap();
    assert_eq!(
        String::from_utf8(err).unwrap(),
        "recorded as job 01JREJ\n  homelab: draining\n  davas: model x not installed\n"
    );
    assert_eq!(rejected_job_id(&Status::failed_precondition("ended")), None);
}
