//! Tests of the `agent_run` module.

use super::*;
use crate::test_support::operators_schedules;

fn briefing_run() -> AgentRun {
    let schedules = operators_schedules();
    schedules[0].last_firing.clone().unwrap().run.unwrap()
}

#[test]
fn each_step_is_collapsed_with_its_state_job_and_tokens() {
    let text = agent_run(&briefing_run()).into_string();
    assert_eq!(
        text.matches(r#"<details class="step">"#).count(),
        3,
        "{text}"
    );
    assert!(
        text.contains(r#"<strong>write</strong> <span class="badge state-succeeded" data-state="succeeded">succeeded</span> <a class="job-id" href="/jobs/J-brief-2">J-brief-2</a> <span class="step-tokens">1,200 in · 340 out tokens</span></summary>"#),
        "{text}"
    );
    assert!(text.contains("On davas"), "{text}");
    assert!(
        text.contains(r#"<pre class="output">12 jobs, 3 alerts</pre>"#),
        "{text}"
    );
}

#[test]
fn a_failed_step_and_run_show_their_errors() {
    let text = agent_run(&briefing_run()).into_string();
    assert!(
        text.contains(r#"<strong>sync</strong> <span class="badge state-failed" data-state="failed">failed</span></summary>"#),
        "a step with no job has no link: {text}"
    );
    assert!(
        text.contains(r#"<p class="reason">the vault is read-only</p>"#),
        "{text}"
    );
    assert!(
        text.contains(r#"<p class="reason">step sync failed: the vault is read-only</p>"#),
        "{text}"
    );
    assert!(
        text.contains("Agent <strong>briefing</strong> on qwen2.5:14b"),
        "{text}"
    );
}

#[test]
fn tokens_are_absent_when_none_were_reported_and_marked_unknown_when_one_was() {
    assert_eq!(tokens(None, None), None);
    assert_eq!(
        tokens(Some(5), None).as_deref(),
        Some("5 in · ? out tokens")
    );
    assert_eq!(
        tokens(Some(12_345), Some(6)).as_deref(),
        Some("12,345 in · 6 out tokens")
    );
}

#[test]
fn a_step_with_nothing_to_show_says_so() {
    let run = AgentRun {
        steps: vec![AgentStep {
            name: "plan".to_owned(),
            state: "running".to_owned(),
            ..Default::default()
        }],
        ..Default::default()
    };
    let text = agent_run(&run).into_string();
    assert!(text.contains("No output."), "{text}");
    assert!(!text.contains("tokens"), "{text}");
}
