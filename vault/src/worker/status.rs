//! What the worker is doing, for `/api/vault`, `runner worker`'s logs and the metrics: the
//! watched folder, notes waiting to settle, jobs in flight, what finished, the last error.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

use serde::Serialize;

use crate::ledger::Stage;

/// One job the worker is running.
#[derive(Debug, Clone, Serialize)]
pub struct InFlight {
    pub id: String,
    pub source: String,
    pub model: String,
    pub stage: Stage,
    pub cluster_job_id: Option<String>,
    pub claimed_at_ms: i64,
}

/// A snapshot of the worker, as `/api/vault` shows it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct WorkerState {
    pub vault: String,
    pub inbox: String,
    pub settle_ms: u64,
    /// Notes in the inbox that are not settled yet.
    pub settling: usize,
    /// Notes in the inbox that are drafts (no `status: submitted`).
    pub drafts: usize,
    pub in_flight: Vec<InFlight>,
    /// Since start-up, by outcome word (`done`, `failed`, `rejected`, …).
    pub finished: BTreeMap<String, u64>,
    pub conflicts: u64,
    pub strays_removed: u64,
    pub last_scan_ms: Option<i64>,
    pub last_error: Option<String>,
}

/// The worker's state, shared with the HTTP route.
#[derive(Debug, Clone, Default)]
pub struct WorkerStatus {
    state: Arc<Mutex<WorkerState>>,
}

impl WorkerStatus {
    pub fn new(vault: &str, inbox: &str, settle_ms: u64) -> Self {
        let state = WorkerState {
            vault: vault.to_owned(),
            inbox: inbox.to_owned(),
            settle_ms,
            ..WorkerState::default()
        };
        Self {
            state: Arc::new(Mutex::new(state)),
        }
    }

    pub fn snapshot(&self) -> WorkerState {
        self.lock().clone()
    }

    pub(crate) fn update(&self, change: impl FnOnce(&mut WorkerState)) {
        change(&mut self.lock());
    }

    pub(crate) fn job_at(&self, flight: InFlight) {
        self.update(
            |state| match state.in_flight.iter_mut().find(|job| job.id == flight.id) {
                Some(known) => *known = flight,
                None => state.in_flight.push(flight),
            },
        );
    }

    pub(crate) fn job_finished(&self, id: &str, outcome_word: &str) {
        self.update(|state| {
            state.in_flight.retain(|job| job.id != id);
            *state.finished.entry(outcome_word.to_owned()).or_default() += 1;
        });
    }

    pub(crate) fn error(&self, message: String) {
        self.update(|state| state.last_error = Some(message));
    }

    fn lock(&self) -> MutexGuard<'_, WorkerState> {
        // A panic while holding this lock leaves only counters half-updated; keep serving them.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests;
