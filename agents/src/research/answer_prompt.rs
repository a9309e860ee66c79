//! The answer's chat: the question, the plan's sub-questions, and the passages memory found,
//! numbered [1], [2], … with their note and heading, asking the model to cite them as [n].

#[cfg(test)]
mod tests;

use std::fmt::Write as _;

use proto::v1::{ChatMessage, MemoryHit};

/// A passage's text in the prompt is cut here, so a few long notes cannot crowd out the rest.
const MAX_PASSAGE_BYTES: usize = 2000;

pub(super) fn answer_messages(
    question: &str,
    sub_questions: &[String],
    passages: &[MemoryHit],
) -> Vec<ChatMessage> {
    let system = if passages.is_empty() {
        "You answer research questions. No notes were found for this one: answer from what \
         you know, and say that no notes were found."
    } else {
        "You answer research questions from the operator's notes. Use the numbered passages, \
         cite each one you use as [n] right after the claim, and say so when they do not \
         answer the question."
    };
    vec![
        ChatMessage {
            role: "system".into(),
            content: system.into(),
        },
        ChatMessage {
            role: "user".into(),
            content: answer_prompt(question, sub_questions, passages),
        },
    ]
}

fn answer_prompt(question: &str, sub_questions: &[String], passages: &[MemoryHit]) -> String {
    let mut prompt = String::from("Passages:\n");
    if passages.is_empty() {
        prompt.push_str("(none found)\n");
    }
    for (number, passage) in passages.iter().enumerate() {
        let mut place = passage.note.clone();
        if !passage.headings.is_empty() {
            place = format!("{place} › {}", passage.headings.join(" › "));
        }
        let text = crate::clip::clip(passage.text.trim(), MAX_PASSAGE_BYTES);
        let _ = write!(prompt, "\n[{}] {place}\n{text}\n", number + 1);
    }
    prompt.push_str("\nSub-questions:\n");
    for sub_question in sub_questions {
        let _ = writeln!(prompt, "- {sub_question}");
    }
    let _ = write!(prompt, "\nQuestion: {}", question.trim());
    prompt
}
