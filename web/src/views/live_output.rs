//! The output of a job still running, as its page and a pending chat answer show it: tokens are
//! appended to it (`token` events), and a retry after a lost node replaces it whole (`output`
//! events), so the page never shows an abandoned attempt's words as part of the answer.

#[cfg(test)]
mod tests;

use maud::{Markup, html};
use proto::v1::Job;

/// Where the output sits: the job page's preformatted block or a chat bubble.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputShape {
    Block,
    Bubble,
}

/// The live output with `text` so far. The outer element takes the `output` events (its whole
/// content replaced), the inner one the `token` events (appended to).
pub fn live_output(shape: OutputShape, text: &str) -> Markup {
    html! {
        div.live-output sse-swap="output" hx-swap="innerHTML" {
            (output_body(shape, None, text))
        }
    }
}

/// What an `output` event carries when `job` starts a new attempt: a note saying so and a
/// fresh output holding the new attempt's text so far.
pub fn restarted_output(shape: OutputShape, job: &Job) -> Markup {
    let note = restart_note(job);
    output_body(shape, Some(&note), &job.output)
}

/// `the node was lost; attempt 2 restarts on homelab`.
pub fn restart_note(job: &Job) -> String {
    let node = if job.node.is_empty() {
        "another node"
    } else {
        &job.node
    };
    format!(
        "the node was lost; attempt {} restarts on {node}",
        job.attempt
    )
}

fn output_body(shape: OutputShape, note: Option<&str>, text: &str) -> Markup {
    html! {
        @if let Some(note) = note { p.restart role="status" { (note) } }
        @match shape {
            OutputShape::Block => {
                pre.output aria-live="polite" sse-swap="token" hx-swap="beforeend" { (text) }
            }
            OutputShape::Bubble => {
                div.output aria-live="polite" sse-swap="token" hx-swap="beforeend" { (text) }
            }
        }
    }
}
