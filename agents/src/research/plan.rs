//! The research plan: the model is asked for at most three sub-questions, one per line, and
//! its answer is read tolerantly (numbered `1.`/`1)`, bulleted `-`/`*`/`•`, or plain lines
//! ending in `?`); when nothing can be read, the question itself is the one sub-question.

#[cfg(test)]
mod tests;

use proto::v1::ChatMessage;

/// The most sub-questions a plan may have.
pub(super) const MAX_SUB_QUESTIONS: usize = 3;

/// The chat that asks for the plan.
pub(super) fn plan_messages(question: &str) -> Vec<ChatMessage> {
    vec![
        ChatMessage {
            role: "system".into(),
            content: format!(
                "You plan research. Split the question into at most {MAX_SUB_QUESTIONS} short \
                 sub-questions that together answer it. Write one sub-question per line, \
                 numbered, and nothing else."
            ),
        },
        ChatMessage {
            role: "user".into(),
            content: question.to_owned(),
        },
    ]
}

/// The sub-questions in `plan` (at most three, no repeats), or `question` alone.
pub(super) fn parse_sub_questions(plan: &str, question: &str) -> Vec<String> {
    let marked: Vec<String> = plan.lines().filter_map(strip_marker).collect();
    let lines = if marked.is_empty() {
        plan.lines()
            .map(str::trim)
            .filter(|line| line.ends_with('?'))
            .map(str::to_owned)
            .collect()
    } else {
        marked
    };
    let mut sub_questions: Vec<String> = Vec::new();
    for line in lines {
        let line = line.trim().trim_matches('*').trim().to_owned();
        if !line.is_empty() && !sub_questions.contains(&line) {
            sub_questions.push(line);
        }
        if sub_questions.len() == MAX_SUB_QUESTIONS {
            break;
        }
    }
    if sub_questions.is_empty() {
        sub_questions.push(question.trim().to_owned());
    }
    sub_questions
}

/// The text after a line's list marker ("1.", "2)", "(3)", "-", "*", "•"), if it has one.
fn strip_marker(line: &str) -> Option<String> {
    let line = line.trim();
    for bullet in ["- ", "* ", "• ", "+ "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return Some(rest.trim().to_owned());
        }
    }
    let unbracketed = line.strip_prefix('(').unwrap_or(line);
    let digits = unbracketed.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let rest = &unbracketed[digits..];
    let rest = rest
        .strip_prefix('.')
        .or_else(|| rest.strip_prefix(')'))
        .or_else(|| rest.strip_prefix(':'))?;
    Some(rest.trim().to_owned())
}
