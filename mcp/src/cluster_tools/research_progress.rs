//! What a research run's progress says as its steps move: one message each time a step
//! appears or changes state ("plan: running", "search 1: 4 passages", "answer 1: 312
//! tokens", "answer 1: rejected: no node can run …"), worked out from two successive
//! snapshots of the run (each update of `ScheduleService.Research` is the whole run so far).

use proto::v1::AgentStep;

/// The messages for the steps in `current` that are new or in another state than in
/// `previous`, in step order.
pub fn step_messages(previous: &[AgentStep], current: &[AgentStep]) -> Vec<String> {
    current
        .iter()
        .filter(|step| {
            !previous
                .iter()
                .any(|before| before.name == step.name && before.state == step.state)
        })
        .map(step_message)
        .collect()
}

/// One step's news: a model step that ended says its tokens, one without a model the first
/// line of what it found, and one that did not succeed its state and error.
pub fn step_message(step: &AgentStep) -> String {
    let name = &step.name;
    match step.state.as_str() {
        "succeeded" => match step.output_tokens {
            Some(tokens) => format!("{name}: {tokens} tokens"),
            None => match step
                .output
                .lines()
                .map(str::trim)
                .find(|line| !line.is_empty())
            {
                Some(first) => format!("{name}: {}", shortened(first)),
                None => format!("{name}: succeeded"),
            },
        },
        state if step.error.is_empty() => format!("{name}: {state}"),
        state => format!("{name}: {state}: {}", shortened(&step.error)),
    }
}

/// A progress message stays one short line.
fn shortened(text: &str) -> String {
    const MAX_CHARS: usize = 120;
    if text.chars().count() <= MAX_CHARS {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(MAX_CHARS - 1).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests;
