//! Tests that every enum value has its word and that only ended states are terminal.

use proto::v1::{FailureCause, IneligibilityCode, JobKind, JobState, NodeState};

use super::*;

/// The word is the generated proto name without its prefix, lowercased: checked for every
/// variant, so a variant added to the proto without a word here fails this test.
fn check_all(
    values: impl Iterator<Item = i32>,
    name: impl Fn(i32) -> Option<&'static str>,
    prefix: &str,
    word: impl Fn(i32) -> &'static str,
) {
    for value in values {
        let Some(name) = name(value) else { continue };
        let expected = name.strip_prefix(prefix).unwrap().to_ascii_lowercase();
        if expected == "unspecified" {
            continue;
        }
        assert_eq!(word(value), expected, "{name}");
    }
}

#[test]
fn every_variant_has_its_proto_name_as_word() {
    check_all(
        0..32,
        |v| JobState::try_from(v).ok().map(|s| s.as_str_name()),
        "JOB_STATE_",
        job_state,
    );
    check_all(
        0..32,
        |v| JobKind::try_from(v).ok().map(|s| s.as_str_name()),
        "JOB_KIND_",
        job_kind,
    );
    check_all(
        0..32,
        |v| NodeState::try_from(v).ok().map(|s| s.as_str_name()),
        "NODE_STATE_",
        node_state,
    );
    check_all(
        0..32,
        |v| IneligibilityCode::try_from(v).ok().map(|s| s.as_str_name()),
        "INELIGIBILITY_CODE_",
        ineligibility,
    );
    check_all(
        0..32,
        |v| FailureCause::try_from(v).ok().map(|s| s.as_str_name()),
        "FAILURE_CAUSE_",
        failure_cause,
    );
}

#[test]
fn unknown_and_unspecified_values_read_unknown() {
    assert_eq!(job_state(0), UNKNOWN);
    assert_eq!(job_state(999), UNKNOWN);
    assert_eq!(node_state(999), UNKNOWN);
    assert_eq!(failure_cause(0), "");
    assert_eq!(failure_cause(999), UNKNOWN);
}

#[test]
fn only_ended_states_are_terminal() {
    for state in [
        JobState::Succeeded,
        JobState::Failed,
        JobState::Cancelled,
        JobState::Rejected,
    ] {
        assert!(is_terminal(state as i32), "{state:?}");
    }
    for state in [JobState::Unspecified, JobState::Queued, JobState::Running] {
        assert!(!is_terminal(state as i32), "{state:?}");
    }
    assert!(!is_terminal(999));
}

#[test]
fn state_words_parse_back() {
    for state in 1..=6 {
        let word = job_state(state);
        assert_eq!(parse_job_state(word).map(|s| s as i32), Some(state));
    }
    assert_eq!(parse_job_state("done"), None);
}

#[test]
fn a_provider_node_whose_api_is_down_reads_provider_down() {
    let mut node = proto::v1::Node {
        state: NodeState::OllamaDown as i32,
        backend: "groq".to_owned(),
        ..proto::v1::Node::default()
    };
    assert_eq!(super::node_state_of(&node), "provider_down");
    node.backend = "ollama".to_owned();
    assert_eq!(super::node_state_of(&node), "ollama_down");
    node.backend.clear();
    assert_eq!(super::node_state_of(&node), "ollama_down");
}
