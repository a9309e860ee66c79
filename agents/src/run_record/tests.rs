//! Tests: The run record: progress sent on every change, token sums, the run's end.

use super::*;
use crate::AgentKind;

fn input() -> AgentInput {
    AgentInput {
        run_id: "run-1".into(),
        agent: AgentKind::Research,
        model: "qwen2.5:14b".into(),
        input: "why is the sky blue?".into(),
        source: "mcp".into(),
        time_zone: chrono_tz::UTC,
    }
}

#[test]
fn every_change_is_sent_and_the_run_starts_running() {
    let (sender, receiver) = watch::channel(AgentRun::default());
    let mut record = RunRecord::start(&input(), sender);
    assert_eq!(receiver.borrow().state, "running");
    assert_eq!(receiver.borrow().agent, "research");
    let plan = record.begin_step("plan");
    assert_eq!(receiver.borrow().steps[0].state, "running");
    record.update_step(plan, |step| step.job_id = "J1".into());
    assert_eq!(receiver.borrow().steps[0].job_id, "J1");
    record.end_step(plan, StepState::Succeeded, "1. a", "");
    let sent = receiver.borrow().clone();
    assert_eq!(sent.steps[0].state, "succeeded");
    assert_eq!(sent.steps[0].output, "1. a");
    assert!(sent.steps[0].ended_at_ms.is_some());
}

#[test]
fn token_sums_count_only_steps_that_reported_and_are_absent_when_none_did() {
    let (sender, receiver) = watch::channel(AgentRun::default());
    let mut record = RunRecord::start(&input(), sender);
    let search = record.begin_step("search 1");
    record.end_step(search, StepState::Skipped, "", "memory is not configured");
    assert_eq!(receiver.borrow().input_tokens, None);
    assert_eq!(receiver.borrow().output_tokens, None);
    let plan = record.begin_step("plan");
    record.update_step(plan, |step| {
        step.input_tokens = Some(12);
        step.output_tokens = None;
    });
    let answer = record.begin_step("answer");
    record.update_step(answer, |step| {
        step.input_tokens = Some(30);
        step.output_tokens = Some(7);
    });
    let run = record.finish(Ok(()));
    assert_eq!(run.input_tokens, Some(42));
    assert_eq!(run.output_tokens, Some(7));
    assert_eq!(run.state, "succeeded");
    assert_eq!(*receiver.borrow(), run);
}

#[test]
fn a_failure_or_cancel_ends_the_run_with_its_words() {
    let (sender, _receiver) = watch::channel(AgentRun::default());
    let record = RunRecord::start(&input(), sender);
    let run = record.finish(Err(StepFailure::Rejected {
        step: "plan".into(),
        reason: "davas: agent down".into(),
    }));
    assert_eq!(run.state, "failed");
    assert_eq!(run.error, "step plan was rejected: davas: agent down");
    assert!(run.ended_at_ms.is_some());
    let (sender, _receiver) = watch::channel(AgentRun::default());
    let run = RunRecord::start(&input(), sender).finish(Err(StepFailure::cancelled("answer")));
    assert_eq!(run.state, "cancelled");
}

#[test]
fn a_long_output_is_clipped_on_the_step() {
    let (sender, receiver) = watch::channel(AgentRun::default());
    let mut record = RunRecord::start(&input(), sender);
    let gather = record.begin_step("gather");
    record.end_step(gather, StepState::Succeeded, &"ü".repeat(10_000), "");
    assert_eq!(receiver.borrow().steps[0].output.len(), 16 * 1024);
}
