//! The schedules page: every configured schedule as a row of one table, or, with none
//! configured, how to add one.

use maud::{Markup, html};
use proto::v1::Schedule;

use super::schedule_row::schedule_row;

/// What a first schedule looks like in `coordinator.toml` (DESIGN.md "Schedules and agents").
pub const EXAMPLE: &str = r#"[[schedules]]
name = "briefing"
cron = "0 7 * * *"
time_zone = "Europe/London"
job = { type = "chat", model = "qwen2.5:14b", prompt = "hello" }"#;

pub fn schedules_page_body(schedules: &[Schedule], now_ms: i64) -> Markup {
    html! {
        h1 { "Schedules" }
        @if schedules.is_empty() {
            p.empty #schedules-empty {
                "No schedules are configured. Add a " code { "[[schedules]]" }
                " table to coordinator.toml and restart the coordinator, for example:"
            }
            pre.input { (EXAMPLE) }
        } @else {
            div.table-scroll {
                table.schedules #schedules {
                    thead { tr {
                        th scope="col" { "Schedule" } th scope="col" { "When" }
                        th scope="col" { "Next firing" } th scope="col" { "Last firing" }
                        th scope="col" { "Actions" }
                    } }
                    tbody {
                        @for schedule in schedules { (schedule_row(schedule, now_ms)) }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
