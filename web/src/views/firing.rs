//! One firing of a schedule: its slot (in the schedule's zone), its outcome, why it did not run
//! when it did not, and the job it made with that job's state.

use maud::{Markup, html};
use proto::v1::Firing;

use super::agent_run::agent_run;
use super::badges::state_word_badge;
use super::schedule_time::{relative, zoned_time};

/// The outcome as one word (`rejected`), also its badge's class.
pub fn outcome_word(outcome: i32) -> &'static str {
    client::schedules::firing_outcome(outcome)
}

/// The slot, outcome, job and reason on a few lines (the schedules table's "Last firing").
pub fn firing_summary(firing: &Firing, zone: &str, now_ms: i64) -> Markup {
    html! {
        div.firing {
            span.firing-slot {
                (zoned_time(firing.scheduled_at_ms, zone))
                " (" (relative(firing.scheduled_at_ms, now_ms)) ")"
            }
            " " (state_word_badge(outcome_word(firing.outcome)))
            @if firing.manual { " " span.badge { "manual" } }
            @if firing.missed_before > 0 {
                span.firing-note { "late: " (firing.missed_before) " older slots missed" }
            }
            @if !firing.job_id.is_empty() {
                span.firing-job {
                    "Job " a.job-id href={ "/jobs/" (firing.job_id) } { (firing.job_id) }
                    @if !firing.state.is_empty() { " " (state_word_badge(&firing.state)) }
                }
            }
            @if !firing.reason.is_empty() { p.reason { (firing.reason) } }
        }
    }
}

/// A firing on the schedule's own page: the summary, then its agent run's steps, if any.
pub fn firing_item(firing: &Firing, zone: &str, now_ms: i64) -> Markup {
    html! {
        li.firing-item {
            (firing_summary(firing, zone, now_ms))
            @if let Some(run) = &firing.run { (agent_run(run)) }
        }
    }
}

#[cfg(test)]
mod tests;
