//! One job's page: state and reason (with every node's reason for a rejection), timings,
//! token counts, cost, Ollama's durations, its input and output. A job still queued or running streams its output and
//! can be cancelled; when it ends, the section is replaced by its final form.

use client::is_terminal;
use maud::{Markup, html};
use proto::v1::Job;

use super::badges::job_state_badge;
use super::chat_turn::live_status;
use super::format::{ago, millis, rate, time_of_day};
use super::live_output::{OutputShape, live_output};
use crate::conversations::tokens_per_second;

pub fn job_page_body(job: &Job, now_ms: i64) -> Markup {
    html! {
        h1 { "Job " code.job-id { (job.id) } }
        (job_section(job, now_ms))
    }
}

pub fn job_section(job: &Job, now_ms: i64) -> Markup {
    let live = !is_terminal(job.state);
    let events = format!("/jobs/{}/events?view=job", job.id);
    let cancel = format!("/jobs/{}/cancel", job.id);
    html! {
        section.card.job #{"job-" (job.id)} data-job=(job.id)
            hx-ext=[live.then_some("sse")] sse-connect=[live.then_some(&events)]
            sse-close=[live.then_some("done")] sse-swap=[live.then_some("done")]
            hx-swap=[live.then_some("outerHTML")] {
            p.job-state {
                (job_state_badge(job.state))
                @if live { " " span.status sse-swap="meta" hx-swap="innerHTML" { (live_status(job)) } }
            }
            @if !job.reason.is_empty() { p.reason role="status" { (job.reason) } }
            @if !job.rejections.is_empty() {
                h2 { "Why no node could take it" }
                ul.rejections { @for rejection in &job.rejections { li { (rejection.reason) } } }
            }
            (facts(job, now_ms))
            h2 { "Input" }
            (input(job))
            h2 { "Output" }
            @if live {
                (live_output(OutputShape::Block, ""))
                form method="post" action=(cancel) hx-post=(cancel) hx-swap="none" {
                    button #{"cancel-" (job.id)} type="submit" class="danger" { "Cancel job" }
                }
            } @else if job.output.is_empty() {
                p.empty { "No output." }
            } @else {
                pre.output { (job.output) }
            }
        }
    }
}

fn facts(job: &Job, now_ms: i64) -> Markup {
    let spec = job.spec.clone().unwrap_or_default();
    let timings = job.timings.clone().unwrap_or_default();
    let stats = timings.ollama.clone().unwrap_or_default();
    let at = |ms: i64| (ms > 0).then(|| format!("{} ({})", time_of_day(ms), ago(ms, now_ms)));
    let rows: Vec<(&str, Option<String>)> = vec![
        ("Kind", Some(client::words::job_kind(spec.kind).to_owned())),
        // Where a job that was not a direct call came from: a vault note, a schedule.
        ("Source", non_empty(spec.source.clone())),
        ("Model", Some(spec.model.clone())),
        ("Node", (!job.node.is_empty()).then(|| job.node.clone())),
        (
            "Served by model",
            (!job.served_model.is_empty()).then(|| job.served_model.clone()),
        ),
        (
            "Attempt",
            (job.attempt > 1).then(|| job.attempt.to_string()),
        ),
        ("Created", at(job.created_at_ms)),
        ("Started", at(job.started_at_ms)),
        ("Finished", at(job.finished_at_ms)),
        ("Queued for", timings.queued_ms.map(millis)),
        (
            "First token after",
            timings.time_to_first_token_ms.map(millis),
        ),
        ("Total", timings.total_ms.map(millis)),
        (
            "Prompt tokens",
            (stats.prompt_eval_count > 0).then(|| stats.prompt_eval_count.to_string()),
        ),
        (
            "Generated tokens",
            (stats.eval_count > 0).then(|| stats.eval_count.to_string()),
        ),
        ("Speed", tokens_per_second(job).map(rate)),
        ("Usage", non_empty(client::usage::job_usage(job))),
        ("Cost", non_empty(client::usage::job_cost(job))),
        (
            "Load",
            (stats.load_duration_ns > 0).then(|| nanos(stats.load_duration_ns)),
        ),
        (
            "Prompt eval",
            (stats.prompt_eval_duration_ns > 0).then(|| nanos(stats.prompt_eval_duration_ns)),
        ),
        (
            "Generation",
            (stats.eval_duration_ns > 0).then(|| nanos(stats.eval_duration_ns)),
        ),
        (
            "Trace id",
            (!job.trace_id.is_empty()).then(|| job.trace_id.clone()),
        ),
    ];
    html! {
        dl.facts.job-facts {
            @for (name, value) in rows {
                @if let Some(value) = value { div { dt { (name) } dd { (value) } } }
            }
        }
    }
}

fn non_empty(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

/// Ollama's durations (nanoseconds) as the page's other durations.
fn nanos(duration_ns: u64) -> String {
    millis(duration_ns / 1_000_000)
}

fn input(job: &Job) -> Markup {
    let spec = job.spec.clone().unwrap_or_default();
    html! {
        @if !spec.prompt.is_empty() { pre.input { (spec.prompt) } }
        @if !spec.messages.is_empty() {
            ol.messages { @for message in &spec.messages {
                li { strong { (message.role) } " " span { (message.content) } }
            } }
        }
        @if !spec.texts.is_empty() { p { (spec.texts.len()) " texts to embed" } }
    }
}

#[cfg(test)]
mod tests;
