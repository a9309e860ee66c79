//! The worker's counters on `/metrics` (when the process has a Prometheus recorder, as
//! `runner serve` does): notes claimed, jobs finished by outcome, conflicts, and the inbox's
//! notes still settling or drafts.

use metrics::{counter, gauge};

pub fn claimed() {
    counter!("llm_runner_vault_jobs_claimed_total").increment(1);
}

pub fn finished(outcome: &'static str) {
    counter!("llm_runner_vault_jobs_finished_total", "outcome" => outcome).increment(1);
}

pub fn conflict() {
    counter!("llm_runner_vault_conflicts_total").increment(1);
}

pub fn inbox(settling: usize, drafts: usize) {
    gauge!("llm_runner_vault_inbox_settling").set(settling as f64);
    gauge!("llm_runner_vault_inbox_drafts").set(drafts as f64);
}
