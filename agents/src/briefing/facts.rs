//! The day's facts and their rendering: a `## Facts` section written the same way for the same
//! facts (fixed order, no model involved), so a reader and a test can check every number
//! against the jobs that really ran.

mod render;

use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Facts {
    /// "2026-12-02".
    pub day: String,
    pub time_zone: String,
    /// Jobs created that day, by state word and by model.
    pub jobs_by_state: BTreeMap<String, u64>,
    pub jobs_by_model: BTreeMap<String, u64>,
    /// Failed and rejected jobs, oldest first.
    pub failures: Vec<FailedJob>,
    /// The ledger's totals for the day, or why they could not be read.
    pub usage: Result<UsageFacts, String>,
    /// Every node now: (name, state word, reason when not ready).
    pub nodes: Vec<(String, String, String)>,
    /// The day's alerts; `None` when no alerts source was given.
    pub alerts: Option<Vec<String>>,
    /// Notes created or changed that day (vault paths without `.md`); `Err` says why the
    /// vault could not be read, `Ok(None)` that there is no vault.
    pub new_notes: Result<Option<Vec<String>>, String>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FailedJob {
    pub id: String,
    pub model: String,
    pub state: String,
    pub reason: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct UsageFacts {
    pub jobs: u64,
    pub jobs_without_usage: u64,
    pub input_tokens: u64,
    pub output_tokens: u64,
    pub cost_usd: f64,
    pub per_model: Vec<ModelUsage>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ModelUsage {
    pub model: String,
    pub jobs: u64,
    pub input_tokens: u64,
    pub output_tokens: u64,
    pub cost_usd: f64,
}
