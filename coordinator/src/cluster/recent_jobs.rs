//! Jobs that ended recently, kept in memory so a read right after a job ends sees its final
//! record even while the store writer has not committed it yet.

use std::collections::{HashMap, VecDeque};

use proto::v1::Job;

/// Far more than the store writer can lag behind (it commits whatever is waiting, in order).
const CAPACITY: usize = 4096;

#[derive(Debug, Default)]
pub struct RecentJobs {
    jobs: HashMap<String, Job>,
    order: VecDeque<String>,
}

impl RecentJobs {
    pub fn remember(&mut self, job: Job) {
        let id = job.id.clone();
        if self.jobs.insert(id.clone(), job).is_none() {
            self.order.push_back(id);
        }
        while self.order.len() > CAPACITY {
            if let Some(oldest) = self.order.pop_front() {
                self.jobs.remove(&oldest);
            }
        }
    }

    pub fn get(&self, id: &str) -> Option<&Job> {
        self.jobs.get(id)
    }

    /// Every record kept, for the loop's consistency checks.
    #[cfg(test)]
    pub fn records(&self) -> impl Iterator<Item = &Job> {
        self.jobs.values()
    }
}

#[cfg(test)]
mod tests;
