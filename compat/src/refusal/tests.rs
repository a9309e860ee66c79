//! Statuses from the coordinator read into refusals: a model nobody has, one that cannot run
//! now, a rate limit with its wait, a bad request, an unreachable coordinator; ended jobs.

use std::collections::HashMap;

use proto::v1::{FailureCause, JobState};
use tonic_types::{ErrorDetails, PreconditionViolation};

use super::*;

fn rejection(_code: Code, violations: &[(&str, &str)], listed: bool) -> ErrorDetails {
    let violations = violations
        .iter()
        .map(|(kind, node)| PreconditionViolation::new(*kind, *node, format!("{node}: {kind}")))
        .collect::<Vec<_>>();
    let mut details = ErrorDetails::with_precondition_failure(violations);
    let metadata = HashMap::from([
        ("job_id".to_owned(), "01JOB".to_owned()),
        ("listed".to_owned(), listed.to_string()),
    ]);
    details.set_error_info("NO_ELIGIBLE_NODE", "llm-runner", metadata);
    details
}

fn status(code: Code, details: ErrorDetails) -> Status {
    Status::with_error_details(code, "no node can run gemma4:27b", details)
}

#[test]
fn a_model_nobody_has_is_not_found() {
    let details = rejection(
        Code::FailedPrecondition,
        &[
            ("MODEL_NOT_INSTALLED", "contabo"),
            ("MODEL_NOT_INSTALLED", "davas"),
        ],
        false,
    );
    let refusal = Refusal::from_status(&status(Code::FailedPrecondition, details));
    assert_eq!(refusal.kind, RefusalKind::ModelNotFound);
    assert_eq!(refusal.job_id.as_deref(), Some("01JOB"));
    assert_eq!(refusal.nodes[1].code, "model_not_installed");
    assert_eq!(
        refusal.full_message(),
        "no node can run gemma4:27b: contabo: MODEL_NOT_INSTALLED; davas: MODEL_NOT_INSTALLED"
    );
}

#[test]
fn a_listed_model_or_a_node_that_may_have_it_is_unavailable() {
    let listed = rejection(
        Code::FailedPrecondition,
        &[("MODEL_NOT_INSTALLED", "contabo"), ("AGENT_DOWN", "davas")],
        true,
    );
    let refusal = Refusal::from_status(&status(Code::FailedPrecondition, listed));
    assert_eq!(refusal.kind, RefusalKind::ModelUnavailable);
    assert_eq!(refusal.nodes[1].code, "agent_down");
    let never_seen = rejection(Code::Unavailable, &[("NEVER_SEEN", "davas")], false);
    let refusal = Refusal::from_status(&status(Code::Unavailable, never_seen));
    assert_eq!(refusal.kind, RefusalKind::ModelUnavailable);
}

#[test]
fn a_rate_limit_says_how_long_it_lasts() {
    let mut details = rejection(Code::Unavailable, &[("RATE_LIMITED", "groq")], true);
    details.set_retry_info(Some(Duration::from_millis(1500)));
    let refusal = Refusal::from_status(&status(Code::Unavailable, details));
    assert_eq!(refusal.kind, RefusalKind::RateLimited);
    assert_eq!(refusal.retry_after, Some(Duration::from_millis(1500)));
}

#[test]
fn other_statuses_keep_their_words() {
    let invalid = Refusal::from_status(&Status::invalid_argument("temperature 300 must be …"));
    assert_eq!(invalid.kind, RefusalKind::InvalidRequest);
    assert_eq!(invalid.message, "temperature 300 must be …");
    let internal = Refusal::from_status(&Status::internal("store failed"));
    assert_eq!(internal.kind, RefusalKind::Internal);
}

#[test]
fn an_ended_job_is_refused_in_its_own_words() {
    let job = Job {
        id: "01JOB".into(),
        node: "davas".into(),
        state: JobState::Failed as i32,
        cause: FailureCause::OllamaError as i32,
        reason: "ollama: model crashed".into(),
        ..Default::default()
    };
    let refusal = Refusal::from_ended_job(&job);
    assert_eq!(refusal.kind, RefusalKind::BackendFailed);
    assert_eq!(
        refusal.message,
        "job 01JOB failed on davas: ollama: model crashed"
    );
    let lost = Job {
        cause: FailureCause::NodeLost as i32,
        ..job.clone()
    };
    assert_eq!(Refusal::from_ended_job(&lost).kind, RefusalKind::JobLost);
    let cancelled = Job {
        state: JobState::Cancelled as i32,
        ..job
    };
    assert_eq!(
        Refusal::from_ended_job(&cancelled).kind,
        RefusalKind::Cancelled
    );
}

#[test]
fn every_node_having_the_model_out_of_budget_is_budget_exhausted_with_the_reset_wait() {
    use super::test_statuses::{budget_reason, rejection_status};
    let wait = Duration::from_secs(3 * 3600);
    let status = rejection_status(
        &[
            ("BUDGET_EXHAUSTED", "anthropic"),
            ("MODEL_NOT_INSTALLED", "davas"),
            ("BUDGET_EXHAUSTED", "anthropic-eu"),
        ],
        Some(wait),
    );
    let refusal = Refusal::from_status(&status);
    assert_eq!(refusal.kind, RefusalKind::BudgetExhausted);
    assert_eq!(refusal.retry_after, Some(wait));
    assert_eq!(refusal.nodes[0].code, "budget_exhausted");
    assert!(
        refusal.full_message().contains(&budget_reason("anthropic")),
        "{}",
        refusal.full_message()
    );
}

#[test]
fn a_budget_on_some_nodes_only_is_not_budget_exhausted() {
    use super::test_statuses::rejection_status;
    let status = rejection_status(
        &[("BUDGET_EXHAUSTED", "anthropic"), ("AGENT_DOWN", "davas")],
        None,
    );
    assert_eq!(
        Refusal::from_status(&status).kind,
        RefusalKind::ModelUnavailable
    );
    let status = rejection_status(
        &[("BUDGET_EXHAUSTED", "anthropic"), ("RATE_LIMITED", "groq")],
        Some(Duration::from_secs(20)),
    );
    assert_eq!(Refusal::from_status(&status).kind, RefusalKind::RateLimited);
    let nobody_has_it = rejection_status(&[("MODEL_NOT_INSTALLED", "davas")], None);
    assert_ne!(
        Refusal::from_status(&nobody_has_it).kind,
        RefusalKind::BudgetExhausted
    );
}
