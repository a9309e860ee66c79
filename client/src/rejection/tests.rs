//! Tests of the `rejection` module.

use tonic::Code;
use tonic_types::{ErrorDetails, PreconditionViolation};

use super::*;

#[test]
fn each_nodes_reason_follows_the_headline_once_without_doubling_its_name() {
    let details = ErrorDetails::with_precondition_failure(vec![
        PreconditionViolation::new("NODE_DOWN", "davas", "davas: no heartbeat for 41 s"),
        PreconditionViolation::new("MODEL_NOT_INSTALLED", "homelab", "model not installed"),
        PreconditionViolation::new("MODEL_NOT_INSTALLED", "homelab", "model not installed"),
    ]);
    let status = Status::with_error_details(
        Code::FailedPrecondition,
        "no node can run gemma4:27b",
        details,
    );
    assert_eq!(
        rejection_text(&status),
        "no node can run gemma4:27b: davas: no heartbeat for 41 s; homelab: model not installed"
    );
    assert_eq!(rejection_text(&Status::unavailable("down")), "down");
}
