//! Tests: A model step ended from its job's final record, and a rejection's job id.

use proto::v1::{AgentRun, TokenUsage};
use tokio::sync::watch;
use tonic_types::{ErrorDetails, StatusExt};

use super::*;
use crate::{AgentInput, AgentKind};

fn record() -> (RunRecord, watch::Receiver<AgentRun>) {
    let input = AgentInput {
        run_id: "r".into(),
        agent: AgentKind::Research,
        model: "qwen2.5:14b".into(),
        input: "q".into(),
        source: String::new(),
        time_zone: chrono_tz::UTC,
    };
    let (sender, receiver) = watch::channel(AgentRun::default());
    (RunRecord::start(&input, sender), receiver)
}

fn job(state: JobState, usage: Option<TokenUsage>) -> Job {
    Job {
        id: "01JOB".into(),
        state: state.into(),
        node: "homelab".into(),
        output: "the answer".into(),
        reason: if state == JobState::Succeeded {
            String::new()
        } else {
            "ollama said no".into()
        },
        usage,
        ..Job::default()
    }
}

#[test]
fn a_succeeded_job_gives_its_text_node_and_reported_tokens() {
    let (mut record, receiver) = record();
    let index = record.begin_step("answer");
    let usage = TokenUsage {
        input_tokens: Some(40),
        output_tokens: Some(8),
        ..TokenUsage::default()
    };
    let text = end_with_job(
        &mut record,
        index,
        "answer",
        job(JobState::Succeeded, Some(usage)),
    );
    assert_eq!(text.as_deref(), Ok("the answer"));
    let step = receiver.borrow().steps[0].clone();
    assert_eq!(
        (step.job_id.as_str(), step.node.as_str()),
        ("01JOB", "homelab")
    );
    assert_eq!((step.input_tokens, step.output_tokens), (Some(40), Some(8)));
    assert_eq!(step.state, "succeeded");
}

#[test]
fn a_job_without_usage_reports_no_tokens_and_a_failed_job_fails_the_step() {
    let (mut record, receiver) = record();
    let index = record.begin_step("plan");
    let ended = end_with_job(&mut record, index, "plan", job(JobState::Failed, None));
    assert_eq!(
        ended,
        Err(StepFailure::failed(
            "plan",
            "job 01JOB failed: ollama said no"
        ))
    );
    let step = receiver.borrow().steps[0].clone();
    assert_eq!((step.input_tokens, step.output_tokens), (None, None));
    assert_eq!(
        (step.state.as_str(), step.error.as_str()),
        ("failed", "ollama said no")
    );
}

#[test]
fn a_rejected_job_rejects_the_step_with_its_reason() {
    let (mut record, _receiver) = record();
    let index = record.begin_step("plan");
    let ended = end_with_job(&mut record, index, "plan", job(JobState::Rejected, None));
    assert!(
        matches!(ended, Err(StepFailure::Rejected { reason, .. }) if reason == "ollama said no")
    );
}

#[test]
fn a_rejections_job_id_is_read_from_its_error_info() {
    let mut details = ErrorDetails::new();
    details.set_error_info(
        "NO_ELIGIBLE_NODE",
        "llm-runner",
        [("job_id".to_owned(), "01REJ".to_owned())],
    );
    let status = Status::with_error_details(tonic::Code::FailedPrecondition, "no node", details);
    assert_eq!(rejected_job_id(&status), "01REJ");
    assert_eq!(rejected_job_id(&Status::internal("x")), "");
}

#[test]
fn the_output_so_far_is_shown_on_the_running_step() {
    let (mut record, receiver) = record();
    let index = record.begin_step("answer");
    show_output(&mut record, index, "the ans");
    let step = receiver.borrow().steps[0].clone();
    assert_eq!(
        (step.state.as_str(), step.output.as_str()),
        ("running", "the ans")
    );
}
