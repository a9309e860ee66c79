//! The agents as the worker sees them: [`AgentJobs`] runs one agent to its end (the runner
//! implements it with the `agents` crate, which depends on this one, so the worker only knows
//! this trait), and [`agent_job`] says which run a `research` or `briefing` note asks for.

use chrono::{DateTime, Days};
use futures::future::BoxFuture;
use proto::v1::AgentRun;

use crate::job_note::{JobNote, JobType};
use crate::ledger::VaultJob;

/// One agent run a vault job asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentJob {
    /// `research` or `briefing`.
    pub agent: String,
    pub model: String,
    /// The question (research) or the day, `YYYY-MM-DD` (briefing).
    pub input: String,
    /// The note's `time_zone:` (an IANA name), else `UTC`.
    pub time_zone: String,
    /// Shown on every step's job: `vault: Runner/inbox/x.md`.
    pub source: String,
    /// Made from the vault job's id, so a worker restarted mid-run runs the same id again and
    /// the agent replays the steps that finished (their idempotency keys hold it).
    pub run_id: String,
}

/// Runs agents for the worker.
pub trait AgentJobs: Send + Sync {
    /// Runs `job` to its end and returns the final run. Dropping the future stops waiting,
    /// not the step's cluster job: the next start runs the same id and finds it.
    fn run(&self, job: AgentJob) -> BoxFuture<'static, AgentRun>;
}

/// The run a `research` or `briefing` note asks for, `now_ms` being the wall clock.
pub fn agent_job(job: &VaultJob, note: &JobNote, now_ms: i64) -> AgentJob {
    let time_zone = note.time_zone.clone().unwrap_or_else(|| "UTC".to_owned());
    let input = match note.job_type {
        JobType::Briefing => note
            .day
            .clone()
            .unwrap_or_else(|| yesterday(&time_zone, now_ms)),
        _ => note.body.clone(),
    };
    AgentJob {
        agent: note.job_type.word().to_owned(),
        model: note.model.clone(),
        input,
        time_zone,
        source: format!("vault: Runner/inbox/{}", job.source_name),
        run_id: format!("vault-{}", job.id),
    }
}

/// The day before `now_ms`'s day in `time_zone` (UTC when the name is unknown), `YYYY-MM-DD`.
fn yesterday(time_zone: &str, now_ms: i64) -> String {
    let zone = time_zone.parse::<chrono_tz::Tz>().unwrap_or(chrono_tz::UTC);
    let now = DateTime::from_timestamp_millis(now_ms).unwrap_or_default();
    let today = now.with_timezone(&zone).date_naive();
    let day = today.checked_sub_days(Days::new(1)).unwrap_or(today);
    day.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests;
