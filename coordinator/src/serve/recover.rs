//! Start-up recovery: jobs a previous run left queued or running end `failed` with cause
//! `coordinator_restarted`, so none is left hanging or vanishes; and what this month's jobs
//! spent, read back from the usage ledger, so budgets carry on where they were.

use proto::v1::{FailureCause, JobState, UsageGrouping, UsageRow};

use crate::clock::now_ms;
use crate::spend::{Period, period_bounds};
use crate::store::{JobStore, StoreError};
use crate::usage::UsageQuery;

/// This UTC month's usage so far by day, model and node: what the budgets restore from.
pub fn this_months_usage(store: &dyn JobStore, now_ms: i64) -> Result<Vec<UsageRow>, StoreError> {
    let (month_start, _) = period_bounds(Period::Month, now_ms);
    let query = UsageQuery {
        since_ms: month_start,
        // Inclusive of a job that ended this very millisecond.
        until_ms: now_ms + 1,
        time_zone: chrono_tz::UTC,
        by: vec![
            UsageGrouping::Day,
            UsageGrouping::Model,
            UsageGrouping::Node,
        ],
        model: None,
        node: None,
    };
    Ok(store.usage(&query)?.rows)
}

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
