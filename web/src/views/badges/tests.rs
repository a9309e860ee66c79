//! Tests of the `badges` module.

use proto::v1::{JobState, NodeState};

use super::*;

#[test]
fn states_have_words_and_classes() {
    let badge = node_word_badge(words::node_state(NodeState::OllamaDown as i32)).into_string();
    assert_eq!(
        badge,
        r#"<span class="badge state-ollama_down">ollama down</span>"#
    );
    let groq = proto::v1::Node {
        state: NodeState::OllamaDown as i32,
        backend: "groq".into(),
        ..proto::v1::Node::default()
    };
    assert_eq!(
        node_word_badge(words::node_state_of(&groq)).into_string(),
        r#"<span class="badge state-provider_down">provider down</span>"#
    );
    assert!(
        job_state_badge(JobState::Failed as i32)
            .into_string()
            .contains("state-failed")
    );
}
