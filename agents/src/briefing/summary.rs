//! The `summary` step's chat: the day's facts, and a request for a short briefing that keeps
//! to them (the facts stay in the note beneath it, so a reader can check it).

#[cfg(test)]
mod tests;

use proto::v1::ChatMessage;

pub(super) fn summary_messages(day: &str, facts: &str) -> Vec<ChatMessage> {
    vec![
        ChatMessage {
            role: "system".into(),
            content: "You write the operator's daily briefing about their LLM cluster. In at \
                      most five sentences, say what ran, what failed and why, what it cost, \
                      which nodes need attention, and which notes are new. Use only the facts \
                      given; do not invent numbers."
                .into(),
        },
        ChatMessage {
            role: "user".into(),
            content: format!("Facts of {day}:\n\n{facts}"),
        },
    ]
}
