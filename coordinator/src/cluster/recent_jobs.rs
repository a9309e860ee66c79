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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_latest_records_up_to_capacity() {
        let mut recent = RecentJobs::default();
        for index in 0..CAPACITY + 10 {
            recent.remember(Job {
                id: format!("J{index}"),
                ..Default::default()
            });
        }
        assert!(recent.get("J0").is_none());
        assert!(recent.get(&format!("J{}", CAPACITY + 9)).is_some());
        recent.remember(Job {
            id: "J5000".into(),
            reason: "updated".into(),
            ..Default::default()
        });
        assert_eq!(
            recent.get("J5000").map(|job| job.reason.as_str()),
            Some("updated")
        );
    }
}
