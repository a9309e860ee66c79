//! Tests of the `badges` module.

use proto::v1::{JobState, NodeState};

use super::*;

#[test]
fn states_have_words_and_classes() {
    let badge = node_state_badge(NodeState::OllamaDown as i32).into_string();
    assert_eq!(
        badge,
        r#"<span class="badge state-ollama_down">ollama down</span>"#
    );
    assert!(
        job_state_badge(JobState::Failed as i32)
            .into_string()
            .contains("state-failed")
    );
}
