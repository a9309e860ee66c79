//! One turn of a chat. An answer still being generated connects to its job's event stream:
//! tokens are appended as they come, and when the job ends the whole turn is replaced by its
//! final form (node, model, time to first token, tokens/s; or why it failed or was rejected).

use client::words::job_state as job_state_key;
use maud::{Markup, html};
use proto::v1::Job;

use super::badges::state_word_badge;
use super::format::{millis, rate};
use super::live_output::{OutputShape, live_output};
use crate::conversations::{Answer, AnswerState};

pub fn user_turn(content: &str) -> Markup {
    html! {
        li.turn.user {
            h3.visually-hidden { "You" }
            div.bubble { div.output { (content) } }
        }
    }
}

pub fn answer_turn(answer: &Answer) -> Markup {
    if answer.is_pending() {
        pending_answer(answer)
    } else {
        final_answer(answer)
    }
}

fn pending_answer(answer: &Answer) -> Markup {
    let events = format!("/jobs/{}/events?view=chat", answer.job_id);
    let cancel = format!("/jobs/{}/cancel", answer.job_id);
    html! {
        li.turn.assistant.pending #{"answer-" (answer.job_id)} data-job=(answer.job_id) data-state="pending"
            hx-ext="sse" sse-connect=(events) sse-close="done" sse-swap="done" hx-swap="outerHTML" {
            h3.visually-hidden { "Answer from " (answer.model) }
            div.bubble {
                (live_output(OutputShape::Bubble, ""))
                div.meta {
                    span.status sse-swap="meta" hx-swap="innerHTML" {
                        span.spinner aria-hidden="true" {} "waiting for " (answer.model) "…"
                    }
                    form.stop method="post" action=(cancel) hx-post=(cancel) hx-swap="none" {
                        button #{"stop-" (answer.job_id)} type="submit" class="danger small" { "Stop" }
                    }
                }
            }
        }
    }
}

fn final_answer(answer: &Answer) -> Markup {
    let key = match answer.state {
        AnswerState::Pending => "pending",
        AnswerState::Succeeded => "succeeded",
        AnswerState::Failed => "failed",
        AnswerState::Cancelled => "cancelled",
        AnswerState::Rejected => "rejected",
    };
    html! {
        li class={"turn assistant " (key)} #{"answer-" (answer.job_id)} data-job=(answer.job_id) data-state=(key) {
            h3.visually-hidden { "Answer from " (answer.model) }
            div.bubble {
                @if !answer.content.is_empty() { div.output { (answer.content) } }
                @if !answer.reason.is_empty() && answer.state != AnswerState::Succeeded {
                    p.reason role="status" { (answer.reason) }
                }
                @if !answer.rejections.is_empty() {
                    ul.rejections { @for reason in &answer.rejections { li { (reason) } } }
                }
                div.meta { (state_word_badge(key)) " " (served_by(answer)) }
            }
        }
    }
}

/// `davas · gemma4:27b · first token 85 ms · 42.0 tokens/s · job 01K…`.
fn served_by(answer: &Answer) -> Markup {
    let mut parts = Vec::new();
    if !answer.node.is_empty() {
        parts.push(answer.node.clone());
    }
    parts.push(if answer.served_model.is_empty() {
        answer.model.clone()
    } else {
        answer.served_model.clone()
    });
    if let Some(ttft) = answer.time_to_first_token_ms {
        parts.push(format!("first token {}", millis(ttft)));
    }
    if let Some(speed) = answer.tokens_per_second {
        parts.push(rate(speed));
    }
    html! {
        span.served-by { (parts.join(" · ")) }
        @if !answer.job_id.is_empty() {
            " · " a href={"/jobs/" (answer.job_id)} { "job" }
        }
    }
}

/// The live status line while a job is queued or running.
pub fn live_status(job: &Job) -> Markup {
    let key = job_state_key(job.state);
    html! {
        span.spinner aria-hidden="true" {}
        @if job.node.is_empty() { (key) } @else { (key) " on " (job.node) }
        @if job.attempt > 1 { " (attempt " (job.attempt) ")" }
    }
}

#[cfg(test)]
mod tests;
