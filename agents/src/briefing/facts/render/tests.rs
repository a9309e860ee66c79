//! Tests: The facts' rendering: every number in its fixed place, and what is missing said so.

use std::collections::BTreeMap;

use super::*;
use crate::briefing::facts::{FailedJob, ModelUsage};

fn facts() -> Facts {
    Facts {
        day: "2026-12-02".into(),
        time_zone: "Europe/London".into(),
        jobs_by_state: BTreeMap::from([
            ("rejected".into(), 1),
            ("succeeded".into(), 3),
            ("failed".into(), 1),
        ]),
        jobs_by_model: BTreeMap::from([("qwen2.5:14b".into(), 4), ("gemma4:27b".into(), 1)]),
        failures: vec![FailedJob {
            id: "01REJ".into(),
            model: "gemma4:27b".into(),
            state: "rejected".into(),
            reason: "no node can run gemma4:27b".into(),
        }],
        usage: Ok(UsageFacts {
            jobs: 4,
            jobs_without_usage: 0,
            input_tokens: 120,
            output_tokens: 48,
            cost_usd: 0.0,
            per_model: vec![ModelUsage {
                model: "qwen2.5:14b".into(),
                jobs: 4,
                input_tokens: 120,
                output_tokens: 48,
                cost_usd: 0.0,
            }],
        }),
        nodes: vec![
            ("contabo".into(), "ready".into(), String::new()),
            (
                "davas".into(),
                "down".into(),
                "agent down since 09:12".into(),
            ),
        ],
        alerts: Some(vec!["09:12 davas is down".into()]),
        new_notes: Ok(Some(vec!["Projects/Heron".into()])),
    }
}

#[test]
fn the_facts_render_every_number_in_a_fixed_order() {
    let expected = "## Facts

Day: 2026-12-02 (Europe/London)

### Jobs

- total: 5
- succeeded: 3
- failed: 1
- rejected: 1

### Jobs per model

- gemma4:27b: 1
- qwen2.5:14b: 4

### Failures and rejections

- 01REJ (gemma4:27b, rejected): no node can run gemma4:27b

### Tokens and cost

- jobs that ran: 4
- input tokens: 120
- output tokens: 48
- cost: $0.00
- qwen2.5:14b: 4 jobs, 120 in, 48 out, $0.00

### Nodes

- contabo: ready
- davas: down (agent down since 09:12)

Down: davas

### Alerts

- 09:12 davas is down

### New notes

- [[Projects/Heron]]
";
    assert_eq!(facts().render(), expected);
}

#[test]
fn what_is_missing_is_said_not_made_up() {
    let mut facts = facts();
    facts.jobs_by_state.clear();
    facts.jobs_by_model.clear();
    facts.failures.clear();
    facts.usage = Err("the coordinator did not answer".into());
    facts.alerts = None;
    facts.new_notes = Ok(None);
    facts.nodes.truncate(1);
    let text = facts.render();
    assert!(
        text.contains("- total: 0\n\n### Jobs per model\n\nNone.\n"),
        "{text}"
    );
    assert!(
        text.contains("### Failures and rejections\n\nNone.\n"),
        "{text}"
    );
    assert!(
        text.contains("Not available: the coordinator did not answer"),
        "{text}"
    );
    assert!(text.contains("Down: none"), "{text}");
    assert!(text.contains("No alerts source."), "{text}");
    assert!(text.contains("No vault."), "{text}");
}

#[test]
fn an_unknown_state_is_listed_after_the_known_ones() {
    let mut facts = facts();
    facts.jobs_by_state.insert("unknown".into(), 2);
    let text = facts.render();
    assert!(text.contains("- rejected: 1\n- unknown: 2\n"), "{text}");
}
