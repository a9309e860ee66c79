//! The idempotency keys of jobs this process submitted, newest kept, so a second submit with
//! a key finds the first job even before the store writer has committed its record.

use std::collections::{HashMap, VecDeque};

/// The store answers for a key once the first job's record is committed; this index only has
/// to bridge the writer's lag. The writer commits everything waiting in one transaction (one
/// fsync, milliseconds), and an accepted submit is answered only after its commit, so the
/// keys submitted during one commit are at most the callers in flight: 10,000 newer keys
/// within one commit is far beyond what the loop and the disk can do.
pub const CAPACITY: usize = 10_000;

#[derive(Debug, Default)]
pub struct IdempotencyKeys {
    job_ids: HashMap<String, String>,
    order: VecDeque<String>,
}

impl IdempotencyKeys {
    /// Notes that `key` made job `job_id`; a key already known keeps its first job.
    pub fn remember(&mut self, key: String, job_id: String) {
        if self.job_ids.contains_key(&key) {
            return;
        }
        self.job_ids.insert(key.clone(), job_id);
        self.order.push_back(key);
        while self.order.len() > CAPACITY {
            if let Some(oldest) = self.order.pop_front() {
                self.job_ids.remove(&oldest);
            }
        }
    }

    pub fn job_id(&self, key: &str) -> Option<&str> {
        self.job_ids.get(key).map(String::as_str)
    }

    /// How many keys are kept (at most `CAPACITY`).
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.job_ids.len()
    }
}

#[cfg(test)]
mod tests;
