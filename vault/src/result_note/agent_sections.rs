//! The sections only an agent run's result note has: "Sources" (the notes the answer cites,
//! as wiki links) and "Steps" (each step's name, state, job id and tokens; the error of one
//! that did not succeed).

use std::fmt::Write;

use super::StepFacts;

/// `## Sources` with one `[[link]]` a line, or a line saying the answer cites none.
pub(super) fn sources_section(cited: &[String]) -> String {
    let mut text = String::from("\n## Sources\n\n");
    if cited.is_empty() {
        text.push_str("The answer cites no note.\n");
    }
    for target in cited {
        let target = target.strip_suffix(".md").unwrap_or(target);
        // Writing to a String cannot fail.
        let _ = writeln!(text, "- [[{target}]]");
    }
    text
}

/// `## Steps`, one line a step; empty when the job had no steps.
pub(super) fn steps_section(steps: &[StepFacts]) -> String {
    if steps.is_empty() {
        return String::new();
    }
    let mut text = String::from("\n## Steps\n\n");
    for step in steps {
        let _ = write!(text, "- **{}**: {}", step.name, step.state);
        if !step.job_id.is_empty() {
            let _ = write!(text, ", job `{}`", step.job_id);
        }
        if let Some(tokens) = tokens(step) {
            let _ = write!(text, ", {tokens}");
        }
        let error = step.error.trim();
        if !error.is_empty() {
            let _ = write!(text, ": {}", error.replace(['\r', '\n'], " "));
        }
        text.push('\n');
    }
    text
}

/// "12 in / 30 out tokens", or `None` when the step reported neither.
fn tokens(step: &StepFacts) -> Option<String> {
    let count = |tokens: Option<u64>| tokens.map_or_else(|| "?".to_owned(), |n| n.to_string());
    (step.input_tokens.is_some() || step.output_tokens.is_some()).then(|| {
        format!(
            "{} in / {} out tokens",
            count(step.input_tokens),
            count(step.output_tokens)
        )
    })
}
