//! One schedule's page: what it runs and when, its buttons, and its recent firings, newest
//! first, each agent run with its steps.

use maud::{Markup, html};
use proto::v1::Schedule;

use super::firing::firing_item;
use super::schedule_actions::{Answer, schedule_actions};
use super::schedule_row::{next_firing, when};

pub fn schedule_detail_body(schedule: &Schedule, now_ms: i64) -> Markup {
    let job = schedule.job.clone().unwrap_or_default();
    html! {
        p { a href="/schedules" { "All schedules" } }
        h1 { "Schedule " (schedule.name) @if schedule.paused { " " span.badge.state-paused { "paused" } } }
        section.card.schedule-facts {
            dl.facts {
                div { dt { "When" } dd { (when(schedule)) } }
                div { dt { "Next firing" } dd { (next_firing(schedule, now_ms)) } }
                div { dt { "Runs" } dd { (job.r#type) @if !job.model.is_empty() { " on " (job.model) } } }
                @if !job.prompt.is_empty() { div { dt { "Prompt" } dd { (job.prompt) } } }
                div { dt { "Overlap" } dd { (schedule.overlap) } }
                div { dt { "Catch-up" } dd { (schedule.catch_up) } }
            }
            (schedule_actions(schedule, Answer::Reload))
        }
        h2 { "Recent firings" }
        @if schedule.recent_firings.is_empty() {
            p.empty #firings-empty { "It has not fired yet." }
        } @else {
            ol.firings #firings {
                @for firing in &schedule.recent_firings {
                    (firing_item(firing, &schedule.time_zone, now_ms))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
