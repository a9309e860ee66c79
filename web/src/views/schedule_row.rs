//! One schedule as a row of the schedules table: its name, its cron in words and zone, the
//! next and last firing, and its buttons. Also what a htmx button swaps in for the row.

use maud::{Markup, html};
use proto::v1::Schedule;

use super::firing::firing_summary;
use super::schedule_actions::{Answer, schedule_actions, schedule_path};
use super::schedule_time::{relative, zoned_time};

pub fn schedule_row(schedule: &Schedule, now_ms: i64) -> Markup {
    html! {
        tr.schedule data-schedule=(schedule.name) {
            th scope="row" {
                a href=(schedule_path(&schedule.name)) { (schedule.name) }
                @if schedule.paused { " " span.badge.state-paused { "paused" } }
            }
            td data-label="When" { (when(schedule)) }
            td data-label="Next firing" { (next_firing(schedule, now_ms)) }
            td data-label="Last firing" {
                @match &schedule.last_firing {
                    Some(firing) => (firing_summary(firing, &schedule.time_zone, now_ms)),
                    None => span.empty { "Never fired" },
                }
            }
            td { (schedule_actions(schedule, Answer::SwapRow)) }
        }
    }
}

/// `At 07:00` then `0 7 * * * · Europe/London`.
pub fn when(schedule: &Schedule) -> Markup {
    html! {
        span.cron-words { (schedule.cron_description) }
        span.cron { code { (schedule.cron) } " · " (schedule.time_zone) }
    }
}

/// The next slot in the schedule's zone and from now; a paused schedule has none.
pub fn next_firing(schedule: &Schedule, now_ms: i64) -> Markup {
    html! {
        @match (schedule.paused, schedule.next_at_ms) {
            (true, _) => span.empty { "None while paused" },
            (false, Some(next)) => {
                span.next-at { (zoned_time(next, &schedule.time_zone)) }
                " " span.relative { (relative(next, now_ms)) }
            }
            (false, None) => span.empty { "No next slot" },
        }
    }
}

#[cfg(test)]
mod tests;
