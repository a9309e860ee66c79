//! Tests of the `tool_failure` module.

use std::collections::HashMap;

use rmcp::model::CallToolResponse;
use tonic_types::{ErrorDetails, PreconditionViolation};

use super::*;

fn davas_rejection() -> Status {
    let mut details = ErrorDetails::with_precondition_failure(vec![
        PreconditionViolation::new(
            "AGENT_DOWN",
            "davas",
            "davas: agent down since 2026-11-26T10:00:00Z (41 s)",
        ),
        PreconditionViolation::new("NOT_ROUTED", "homelab", "not allowed by the route"),
    ]);
    details.set_error_info(
        "NO_ELIGIBLE_NODE",
        "llm-runner",
        HashMap::from([("job_id".to_owned(), "01JOB".to_owned())]),
    );
    // The coordinator's message is the headline only; the reasons are in the details.
    Status::with_error_details(Code::Unavailable, "no node can run gemma4:27b", details)
}

#[test]
fn a_rejection_names_every_node_and_why() {
    let failure = ToolFailure::from_coordinator_status(&davas_rejection());
    assert_eq!(failure.kind, FailureKind::Rejected);
    assert_eq!(failure.rejections[0].code, "agent_down");
    assert_eq!(failure.rejections[1].code, "not_routed");
    assert_eq!(
        failure.text(),
        "rejected: no node can run gemma4:27b (recorded as job 01JOB)\n  \
             davas: agent down since 2026-11-26T10:00:00Z (41 s)\n  \
             homelab: not allowed by the route"
    );
}

#[test]
fn each_nodes_reason_appears_once() {
    let text = ToolFailure::from_coordinator_status(&davas_rejection()).text();
    for reason in ["agent down since", "not allowed by the route"] {
        assert_eq!(text.matches(reason).count(), 1, "{text}");
    }
    assert_eq!(text.lines().count(), 3, "{text}");
}

#[test]
fn other_answers_keep_the_coordinators_words() {
    let missing = ToolFailure::from_coordinator_status(&Status::not_found("no job 01X"));
    assert_eq!(
        (missing.kind, missing.text().as_str()),
        (FailureKind::NotFound, "no job 01X")
    );
    let bad = ToolFailure::from_coordinator_status(&Status::invalid_argument("prompt is empty"));
    assert_eq!(bad.kind, FailureKind::InvalidArgument);
    let odd = ToolFailure::from_coordinator_status(&Status::internal("store broke"));
    assert_eq!(odd.kind, FailureKind::CoordinatorError);
    assert_eq!(
        code_word_from_violation_type("SOMETHING_NEW"),
        "something_new"
    );
}

#[test]
fn it_becomes_an_is_error_result_with_text_and_structured_content() {
    let failure = ToolFailure::from_coordinator_status(&davas_rejection());
    let Ok(CallToolResponse::Complete(result)) = failure.clone().into_call_tool_result() else {
        panic!("not a complete result");
    };
    assert_eq!(result.is_error, Some(true));
    let text = result.content[0].as_text().unwrap().text.clone();
    assert_eq!(text, failure.text());
    let structured = result.structured_content.unwrap();
    assert_eq!(structured["kind"], "rejected");
    assert_eq!(structured["rejections"][0]["node"], "davas");
}
