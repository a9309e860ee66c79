//! Tests that each step's appearance and change of state is said once, in words.

use proto::v1::AgentStep;

use super::*;

fn step(name: &str, state: &str) -> AgentStep {
    AgentStep {
        name: name.into(),
        state: state.into(),
        ..AgentStep::default()
    }
}

#[test]
fn a_step_is_said_when_it_appears_and_when_its_state_changes_only() {
    let first = [step("plan", "running")];
    assert_eq!(step_messages(&[], &first), ["plan: running"]);
    assert!(step_messages(&first, &first).is_empty());
    let second = [
        AgentStep {
            output_tokens: Some(45),
            ..step("plan", "succeeded")
        },
        AgentStep {
            output: "\n4 passages\nGov/Tiers.md lines 12–20".into(),
            ..step("search 1", "succeeded")
        },
        step("answer 1", "running"),
    ];
    assert_eq!(
        step_messages(&first, &second),
        [
            "plan: 45 tokens",
            "search 1: 4 passages",
            "answer 1: running"
        ]
    );
}

#[test]
fn a_step_that_did_not_succeed_says_its_state_and_error() {
    let rejected = AgentStep {
        error: "no node can run qwen2.5:14b: davas: model not installed".into(),
        ..step("answer 1", "rejected")
    };
    assert_eq!(
        step_message(&rejected),
        "answer 1: rejected: no node can run qwen2.5:14b: davas: model not installed"
    );
    assert_eq!(
        step_message(&step("final", "cancelled")),
        "final: cancelled"
    );
    assert_eq!(
        step_message(&step("gather", "succeeded")),
        "gather: succeeded"
    );
    let long = AgentStep {
        output: "x".repeat(500),
        ..step("search 2", "succeeded")
    };
    assert_eq!(
        step_message(&long).chars().count(),
        "search 2: ".len() + 120
    );
}
