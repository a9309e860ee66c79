//! Schedules as the schedule tools show them: each schedule with its next slot (in its zone,
//! and how far off) and last firing; a firing with its outcome word, job and the one line
//! `client::schedules` reads it as, with its agent run (`agent_run_view.rs`).

use client::schedules::{firing_line, firing_outcome, slot_time, time_until};
use proto::v1::{Firing, Schedule};
use schemars::JsonSchema;
use serde::Serialize;

use super::AgentRunView;

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ScheduleListView {
    pub schedules: Vec<ScheduleView>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ScheduleView {
    pub name: String,
    /// As configured ("0 7 * * *"), read in `time_zone`.
    pub cron: String,
    /// The cron in words.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub cron_description: String,
    /// IANA zone ("Europe/London").
    pub time_zone: String,
    /// What a firing runs: `chat`, `generate`, `briefing`, `research` or `memory`.
    pub job_type: String,
    /// The model it runs on (never another); empty for `memory`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub model: String,
    pub paused: bool,
    /// The next slot in Unix milliseconds; absent while paused.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_at_ms: Option<i64>,
    /// The next slot in words: "2026-12-04 07:00 Europe/London (in 3h)", or "paused".
    pub next: String,
    /// The newest firing, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_firing: Option<FiringView>,
}

impl ScheduleView {
    pub fn new(schedule: &Schedule, now_ms: i64) -> Self {
        let job = schedule.job.clone().unwrap_or_default();
        let next = match schedule.next_at_ms {
            _ if schedule.paused => "paused".to_owned(),
            Some(at) => format!(
                "{} ({})",
                slot_time(at, &schedule.time_zone),
                time_until(now_ms, at)
            ),
            None => "none".to_owned(),
        };
        Self {
            name: schedule.name.clone(),
            cron: schedule.cron.clone(),
            cron_description: schedule.cron_description.clone(),
            time_zone: schedule.time_zone.clone(),
            job_type: job.r#type,
            model: job.model,
            paused: schedule.paused,
            next_at_ms: schedule.next_at_ms,
            next,
            last_firing: schedule
                .last_firing
                .as_ref()
                .map(|firing| FiringView::new(firing, &schedule.time_zone)),
        }
    }
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FiringView {
    pub schedule: String,
    /// The slot the cron named (for a firing by hand: when it was asked for), Unix ms.
    pub scheduled_at_ms: i64,
    /// `pending`, `started`, `rejected`, `skipped`, `missed` or `failed`.
    pub outcome: String,
    /// The firing in one line: "2026-12-03 07:00 Europe/London → job 01JA… succeeded".
    pub summary: String,
    /// The job it made, or an agent run's current step job.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub job_id: String,
    /// The job's (or run's) state as last seen: `queued`, `running`, `succeeded`, …
    #[serde(skip_serializing_if = "String::is_empty")]
    pub state: String,
    /// Why it was rejected (every node's reason), missed, skipped or failed.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// Fired by hand rather than by the cron.
    pub manual: bool,
    /// For an agent: its run, with its steps.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run: Option<AgentRunView>,
}

impl FiringView {
    pub fn new(firing: &Firing, time_zone: &str) -> Self {
        Self {
            schedule: firing.schedule.clone(),
            scheduled_at_ms: firing.scheduled_at_ms,
            outcome: firing_outcome(firing.outcome).to_owned(),
            summary: firing_line(firing, time_zone),
            job_id: firing.job_id.clone(),
            state: firing.state.clone(),
            reason: firing.reason.clone(),
            manual: firing.manual,
            run: firing.run.as_ref().map(AgentRunView::from),
        }
    }
}

#[cfg(test)]
mod tests;
