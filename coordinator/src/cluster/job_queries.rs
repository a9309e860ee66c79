//! What callers ask of jobs by id: watch, get, cancel. An active job answers from the loop's
//! memory; an ended one from the recent jobs or the store.

use proto::v1::{Job, JobState};

use super::events::{JobError, JobWatch};
use super::main_loop::Cluster;

impl Cluster {
    pub(super) fn watch(&mut self, id: &str) -> Result<JobWatch, JobError> {
        if let Some(active) = self.jobs.get_mut(id) {
            let updates = active.subscribe();
            return Ok(JobWatch {
                snapshot: active.job.clone(),
                updates: Some(updates),
            });
        }
        Ok(JobWatch {
            snapshot: self.stored(id)?,
            updates: None,
        })
    }

    pub(super) fn get(&self, id: &str) -> Result<Job, JobError> {
        match self.jobs.get(id) {
            Some(active) => Ok(active.job.clone()),
            None => self.stored(id),
        }
    }

    fn stored(&self, id: &str) -> Result<Job, JobError> {
        if let Some(job) = self.recent.get(id) {
            return Ok(job.clone());
        }
        self.store
            .get(id)
            .map_err(|error| JobError::Store(error.to_string()))?
            .ok_or_else(|| JobError::NotFound(id.to_owned()))
    }

    pub(super) fn cancel(&mut self, id: &str) -> Result<Job, JobError> {
        if let Some(job) = self.cancel_active(id) {
            return Ok(job);
        }
        let job = self.stored(id)?;
        let state = JobState::try_from(job.state)
            .map(|state| {
                state
                    .as_str_name()
                    .trim_start_matches("JOB_STATE_")
                    .to_ascii_lowercase()
            })
            .unwrap_or_default();
        Err(JobError::AlreadyEnded {
            id: id.to_owned(),
            state,
        })
    }
}
