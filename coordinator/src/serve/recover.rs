//! Start-up recovery: jobs a previous run left queued or running end `failed` with cause
//! `coordinator_restarted`, so none is left hanging or vanishes.

use proto::v1::{FailureCause, JobState};

use crate::clock::now_ms;
use crate::store::{JobStore, StoreError};

/// Jobs that were queued or running when the coordinator last stopped (or was killed) end
/// `failed` with a reason, so none is left hanging or vanishes.
pub fn recover_unfinished_jobs(store: &dyn JobStore) -> Result<(), StoreError> {
    let now = now_ms();
    let mut recovered = store.unfinished()?;
    for job in &mut recovered {
        let was = if job.state == JobState::Running as i32 {
            "running"
        } else {
            "queued"
        };
        let node = if job.node.is_empty() {
            String::new()
        } else {
            format!(" on {}", job.node)
        };
        job.reason =
            format!("coordinator_restarted: the coordinator stopped while the job was {was}{node}");
        job.state = JobState::Failed as i32;
        job.cause = FailureCause::CoordinatorRestarted as i32;
        job.finished_at_ms = now;
    }
    if !recovered.is_empty() {
        tracing::warn!(
            jobs = recovered.len(),
            "jobs left unfinished by the previous run are marked failed"
        );
        store.put_all(&recovered)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
