//! An agent's run (briefing, research, memory): its state and tokens, then each step with its
//! job, tokens and output or error, collapsed so a long run stays readable.

use client::usage::format_count;
use maud::{Markup, html};
use proto::v1::{AgentRun, AgentStep};

use super::badges::state_word_badge;

pub fn agent_run(run: &AgentRun) -> Markup {
    html! {
        div.agent-run {
            p.meta {
                span { "Agent " strong { (run.agent) } " on " (run.model) }
                (state_word_badge(&run.state))
                @if let Some(tokens) = tokens(run.input_tokens, run.output_tokens) { span { (tokens) } }
            }
            @if !run.input.is_empty() { p.run-input { "Input: " (run.input) } }
            @if !run.error.is_empty() { p.reason { (run.error) } }
            ol.steps {
                @for step in &run.steps { li { (step_details(step)) } }
            }
            @if !run.note_path.is_empty() { p.run-note { "Note: " code { (run.note_path) } } }
            @if !run.output.is_empty() {
                details.run-output {
                    summary { "Output" }
                    pre.output { (run.output) }
                }
            }
            @if !run.citations.is_empty() {
                ul.citations aria-label="Citations" {
                    @for note in &run.citations { li { span.note { (note) } } }
                }
            }
        }
    }
}

fn step_details(step: &AgentStep) -> Markup {
    html! {
        details.step {
            summary {
                strong { (step.name) } " " (state_word_badge(&step.state))
                @if !step.job_id.is_empty() {
                    " " a.job-id href={ "/jobs/" (step.job_id) } { (step.job_id) }
                }
                @if let Some(tokens) = tokens(step.input_tokens, step.output_tokens) {
                    " " span.step-tokens { (tokens) }
                }
            }
            @if !step.node.is_empty() { p.step-node { "On " (step.node) } }
            @if !step.error.is_empty() { p.reason { (step.error) } }
            @if !step.output.is_empty() { pre.output { (step.output) } }
            @if step.error.is_empty() && step.output.is_empty() { p.empty { "No output." } }
        }
    }
}

/// `1,234 in · 56 out tokens`; `None` when neither was reported (never a made-up 0).
pub fn tokens(input: Option<u64>, output: Option<u64>) -> Option<String> {
    let unknown = || "?".to_owned();
    match (input, output) {
        (None, None) => None,
        (input, output) => Some(format!(
            "{} in · {} out tokens",
            input.map_or_else(unknown, format_count),
            output.map_or_else(unknown, format_count)
        )),
    }
}

#[cfg(test)]
mod tests;
