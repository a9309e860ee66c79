//! Tests of the `exit_code` module.

use std::collections::HashMap;

use tonic_types::{ErrorDetails, PreconditionViolation};

use super::*;

fn rejection(code: Code) -> Status {
    let violations = vec![
        PreconditionViolation::new(
            "AGENT_DOWN",
            "davas",
            "davas: agent down since 10:00 (41 s)",
        ),
        PreconditionViolation::new("MODEL_NOT_INSTALLED", "homelab", "model not installed"),
    ];
    // As the coordinator sends it: the message is only the headline, the reasons are in the
    // violations and the recorded job's id in the ErrorInfo.
    let mut details = ErrorDetails::with_precondition_failure(violations);
    details.set_error_info(
        "NO_ELIGIBLE_NODE",
        "llm-runner",
        HashMap::from([("job_id".to_owned(), "01JREJECTED".to_owned())]),
    );
    Status::with_error_details(code, "no node can run gemma4:27b", details)
}

#[test]
fn status_codes_map_to_the_documented_exit_codes() {
    assert_eq!(
        exit_for_status(&Status::invalid_argument("bad")),
        ClientExit::InvalidArgument
    );
    assert_eq!(
        exit_for_status(&Status::already_exists("key used with another request")),
        ClientExit::InvalidArgument
    );
    assert_eq!(
        exit_for_status(&Status::failed_precondition("ended")),
        ClientExit::Rejected
    );
    assert_eq!(
        exit_for_status(&rejection(Code::Unavailable)),
        ClientExit::Rejected
    );
    assert_eq!(
        exit_for_status(&Status::unavailable("shutting down")),
        ClientExit::Unreachable
    );
    assert_eq!(
        exit_for_status(&Status::not_found("no job")),
        ClientExit::FailedOrNotFound
    );
    assert_eq!(
        exit_for_status(&Status::internal("store")),
        ClientExit::Failure
    );
    let codes: Vec<u8> = ClientExit::ALL.map(ClientExit::code).to_vec();
    assert_eq!(codes, [0, 1, 2, 3, 4, 5, 130, 143]);
}

#[test]
fn a_rejection_prints_its_headline_its_recorded_job_and_one_line_per_node() {
    let mut err = Vec::new();
    let exit = report_error(
        &ClientError::Status(rejection(Code::FailedPrecondition)),
        &mut err,
    );
    assert_eq!(exit, ClientExit::Rejected);
    let text = String::from_utf8(err).unwrap();
    assert_eq!(
        text,
        "error: no node can run gemma4:27b\nrecorded as job 01JREJECTED\n  davas: agent down since 10:00 (41 s)\n  homelab: model not installed\n"
    );
}

#[test]
fn a_closed_stdout_ends_quietly_but_other_output_errors_do_not() {
    let mut err = Vec::new();
    let broken = ClientError::Output(std::io::Error::from(ErrorKind::BrokenPipe));
    assert_eq!(report_error(&broken, &mut err), ClientExit::Success);
    assert!(err.is_empty());
    let full = ClientError::Output(std::io::Error::from(ErrorKind::StorageFull));
    assert_eq!(report_error(&full, &mut err), ClientExit::Failure);
    assert!(
        String::from_utf8(err)
            .unwrap()
            .starts_with("error: writing the output failed")
    );
}

#[test]
fn unreachable_says_where_and_what_to_do() {
    let error = ClientError::Unreachable {
        url: "http://127.0.0.1:9".into(),
        cause: "Connection refused".into(),
    };
    assert_eq!(exit_for_error(&error), ClientExit::Unreachable);
    assert_eq!(
        error.to_string(),
        "cannot reach the coordinator at http://127.0.0.1:9: Connection refused; is runner serve running?"
    );
}
