//! Small state labels (node and job states) with a class per state for their colour. The words
//! are `client::words`, the same on every surface (`ready`, `ollama_down`, `succeeded`).

use client::words;
use maud::{Markup, html};

/// The node's state word (`client::words::node_state_of`: a provider's node reads
/// `provider_down`) as its class (`state-ollama_down`), spaced for reading.
pub fn node_word_badge(key: &str) -> Markup {
    html! { span class={"badge state-" (key)} { (key.replace('_', " ")) } }
}

pub fn job_state_badge(state: i32) -> Markup {
    state_word_badge(words::job_state(state))
}

/// A badge for a state already in words (the answer states use the job words).
pub fn state_word_badge(key: &str) -> Markup {
    html! { span class={"badge state-" (key)} data-state=(key) { (key) } }
}

#[cfg(test)]
mod tests;
