//! The in-memory job store, for tests and `runner dev --ephemeral`-style uses.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use proto::v1::{Job, UsageReport};

use super::ledger::{MemoryLedger, record};
use super::{JobFilter, JobStore, StoreError, is_terminal};
use crate::usage::{UsageQuery, usage_report};

#[derive(Debug, Default)]
pub struct MemoryJobStore {
    state: Mutex<MemoryState>,
}

/// The jobs and their ledger under one lock, so a job and its ledger row change together.
#[derive(Debug, Default)]
struct MemoryState {
    jobs: BTreeMap<String, Job>,
    /// Idempotency key -> the id of the first job written with it.
    ids_by_idempotency_key: HashMap<String, String>,
    ledger: MemoryLedger,
}

impl MemoryJobStore {
    fn state(&self) -> std::sync::MutexGuard<'_, MemoryState> {
        // A panic while holding this lock could leave a ledger row without its rollup change;
        // the memory store is for tests and ephemeral runs, so a poisoned lock is still used.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl JobStore for MemoryJobStore {
    fn put_all(&self, jobs: &[Job]) -> Result<(), StoreError> {
        let mut state = self.state();
        for job in jobs {
            record(&mut state.ledger, job)?;
            if let Some(key) = super::idempotency_key(job) {
                state
                    .ids_by_idempotency_key
                    .entry(key.to_owned())
                    .or_insert_with(|| job.id.clone());
            }
            state.jobs.insert(job.id.clone(), job.clone());
        }
        Ok(())
    }

    fn usage(&self, query: &UsageQuery) -> Result<UsageReport, StoreError> {
        usage_report(query, &self.state().ledger)
    }

    fn get(&self, id: &str) -> Result<Option<Job>, StoreError> {
        Ok(self.state().jobs.get(id).cloned())
    }

    fn job_with_key(&self, idempotency_key: &str) -> Result<Option<Job>, StoreError> {
        let state = self.state();
        Ok(state
            .ids_by_idempotency_key
            .get(idempotency_key)
            .and_then(|id| state.jobs.get(id))
            .cloned())
    }

    fn ids_with_prefix(&self, prefix: &str, limit: usize) -> Result<Vec<String>, StoreError> {
        Ok(self
            .state()
            .jobs
            .range(prefix.to_owned()..)
            .map(|(id, _)| id)
            .take_while(|id| id.starts_with(prefix))
            .take(limit)
            .cloned()
            .collect())
    }

    fn list(&self, filter: &JobFilter) -> Result<Vec<Job>, StoreError> {
        let state = self.state();
        let map = &state.jobs;
        let upper = filter.before_id.clone();
        Ok(map
            .iter()
            .rev()
            .filter(|(id, _)| upper.as_ref().is_none_or(|before| *id < before))
            .map(|(_, job)| job)
            .filter(|job| filter.matches(job))
            .take(filter.limit)
            .cloned()
            .collect())
    }

    fn unfinished(&self) -> Result<Vec<Job>, StoreError> {
        Ok(self
            .state()
            .jobs
            .values()
            .filter(|job| !is_terminal(job.state))
            .cloned()
            .collect())
    }
}
