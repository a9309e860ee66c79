//! Small state labels (node and job states) with a class per state for their colour, and the
//! words used for them everywhere.

use maud::{Markup, html};
use proto::v1::{JobState, NodeState};

/// `ready`, `ollama-down`, `down`, `draining`: the class and `data-state` of a node.
pub fn node_state_key(state: i32) -> &'static str {
    match NodeState::try_from(state) {
        Ok(NodeState::Ready) => "ready",
        Ok(NodeState::OllamaDown) => "ollama-down",
        Ok(NodeState::Draining) => "draining",
        _ => "down",
    }
}

pub fn node_state_badge(state: i32) -> Markup {
    let key = node_state_key(state);
    let label = match key {
        "ollama-down" => "ollama down",
        other => other,
    };
    html! { span class={"badge state-" (key)} { (label) } }
}

/// `queued`, `running`, `succeeded`, `failed`, `cancelled`, `rejected`.
pub fn job_state_key(state: i32) -> &'static str {
    match JobState::try_from(state) {
        Ok(JobState::Queued) => "queued",
        Ok(JobState::Running) => "running",
        Ok(JobState::Succeeded) => "succeeded",
        Ok(JobState::Failed) => "failed",
        Ok(JobState::Cancelled) => "cancelled",
        Ok(JobState::Rejected) => "rejected",
        _ => "unknown",
    }
}

pub fn job_state_badge(state: i32) -> Markup {
    state_word_badge(job_state_key(state))
}

/// A badge for a state already in words (the answer states use the job words).
pub fn state_word_badge(key: &str) -> Markup {
    html! { span class={"badge state-" (key)} data-state=(key) { (key) } }
}

pub fn is_terminal(state: i32) -> bool {
    matches!(
        job_state_key(state),
        "succeeded" | "failed" | "cancelled" | "rejected"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_have_words_and_classes() {
        assert_eq!(node_state_key(NodeState::OllamaDown as i32), "ollama-down");
        assert_eq!(node_state_key(NodeState::Unspecified as i32), "down");
        let badge = node_state_badge(NodeState::OllamaDown as i32).into_string();
        assert_eq!(
            badge,
            r#"<span class="badge state-ollama-down">ollama down</span>"#
        );
        assert!(is_terminal(JobState::Rejected as i32));
        assert!(!is_terminal(JobState::Running as i32));
        assert!(
            job_state_badge(JobState::Failed as i32)
                .into_string()
                .contains("state-failed")
        );
    }
}
