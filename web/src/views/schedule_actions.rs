//! A schedule's buttons, Run now and Pause/Resume: plain forms that work without JavaScript
//! (303 to the schedule's page); in the schedules table, htmx swaps the row for the answer.

use maud::{Markup, html};
use proto::v1::Schedule;

use crate::routes::query_value;

/// `/schedules/{name}`, the name percent-encoded.
pub fn schedule_path(name: &str) -> String {
    format!("/schedules/{}", query_value(name))
}

/// How a button's answer is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// htmx replaces the table row the button sits in.
    SwapRow,
    /// The browser follows the 303 to the schedule's page.
    Reload,
}

pub fn schedule_actions(schedule: &Schedule, answer: Answer) -> Markup {
    let path = schedule_path(&schedule.name);
    let run = format!("{path}/run");
    let paused = format!("{path}/paused");
    let (value, label) = if schedule.paused {
        ("false", "Resume")
    } else {
        ("true", "Pause")
    };
    let swap = answer == Answer::SwapRow;
    let hx_post = |action: &str| swap.then(|| action.to_owned());
    let hx_target = swap.then_some("closest tr");
    let hx_swap = swap.then_some("outerHTML");
    html! {
        div.schedule-actions {
            form method="post" action=(run) hx-post=[hx_post(&run)] hx-target=[hx_target] hx-swap=[hx_swap] {
                button.small type="submit" aria-label={ "Run " (schedule.name) " now" } { "Run now" }
            }
            form method="post" action=(paused) hx-post=[hx_post(&paused)] hx-target=[hx_target] hx-swap=[hx_swap] {
                input type="hidden" name="paused" value=(value);
                button.small.secondary type="submit" aria-label={ (label) " " (schedule.name) } { (label) }
            }
        }
    }
}

#[cfg(test)]
mod tests;
