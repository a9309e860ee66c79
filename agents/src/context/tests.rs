//! Tests: A step's idempotency key and source, and how failures read.

use super::*;
use crate::AgentKind;

fn context(source: &str, run_id: &str) -> RunContext {
    // Lazy: nothing is dialled; these tests only name things.
    let coordinator = client::Coordinator::lazy("127.0.0.1:1").unwrap();
    let span = tracing::info_span!("agent_run", trace_id = tracing::field::Empty);
    RunContext {
        input: AgentInput {
            run_id: run_id.to_owned(),
            agent: AgentKind::Research,
            model: "qwen2.5:14b".to_owned(),
            input: "why?".to_owned(),
            source: source.to_owned(),
            time_zone: chrono_tz::UTC,
        },
        deps: AgentDeps {
            coordinator,
            vault: None,
            post: None,
            alerts: None,
        },
        cancel: CancellationToken::new(),
        trace: JobTrace::adopt(&span, &telemetry::TraceCarrier::new()),
    }
}

#[tokio::test]
async fn a_steps_key_is_made_of_the_run_and_the_step() {
    assert_eq!(
        context("mcp", "r1").idempotency_key("search 2"),
        "agent:r1:search 2"
    );
    let long = context("mcp", &"x".repeat(300)).idempotency_key("plan");
    assert_eq!(long.len(), MAX_KEY_BYTES);
}

#[tokio::test]
async fn a_steps_source_names_where_the_run_came_from_and_the_step() {
    assert_eq!(
        context("schedule: research", "r1").job_source("plan"),
        "schedule: research · research plan"
    );
    assert_eq!(context("  ", "r1").job_source("answer"), "research answer");
}

#[test]
fn failures_say_which_step_and_why() {
    let rejected = StepFailure::Rejected {
        step: "plan".into(),
        reason: "no node can run gemma4:27b: davas: agent down".into(),
    };
    assert_eq!(
        rejected.to_string(),
        "step plan was rejected: no node can run gemma4:27b: davas: agent down"
    );
    assert_eq!(
        StepFailure::cancelled("answer").to_string(),
        "cancelled during step answer"
    );
}
