//! The in-memory job store, for tests and `runner dev --ephemeral`-style uses.

use std::collections::BTreeMap;
use std::sync::Mutex;

use proto::v1::Job;

use super::{JobFilter, JobStore, StoreError, is_terminal};

#[derive(Debug, Default)]
pub struct MemoryJobStore {
    jobs: Mutex<BTreeMap<String, Job>>,
}

impl MemoryJobStore {
    fn locked(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, Job>> {
        // A panic while holding this lock cannot leave the map half-written (inserts are
        // single calls), so a poisoned lock is still safe to use.
        self.jobs
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl JobStore for MemoryJobStore {
    fn put_all(&self, jobs: &[Job]) -> Result<(), StoreError> {
        let mut map = self.locked();
        for job in jobs {
            map.insert(job.id.clone(), job.clone());
        }
        Ok(())
    }

    fn get(&self, id: &str) -> Result<Option<Job>, StoreError> {
        Ok(self.locked().get(id).cloned())
    }

    fn ids_with_prefix(&self, prefix: &str, limit: usize) -> Result<Vec<String>, StoreError> {
        Ok(self
            .locked()
            .range(prefix.to_owned()..)
            .map(|(id, _)| id)
            .take_while(|id| id.starts_with(prefix))
            .take(limit)
            .cloned()
            .collect())
    }

    fn list(&self, filter: &JobFilter) -> Result<Vec<Job>, StoreError> {
        let map = self.locked();
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
            .locked()
            .values()
            .filter(|job| !is_terminal(job.state))
            .cloned()
            .collect())
    }
}
