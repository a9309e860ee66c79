//! One page of a job listing, with the cursor to the next one when older matching jobs exist,
//! so a client can say how to get them (`before_id`).

use proto::v1::ListJobsResponse;

use super::{JobFilter, JobStore, StoreError};

/// At most `filter.limit` jobs, newest first; `next_before_id` is the oldest of them when at
/// least one more job matches.
pub fn list_page(store: &dyn JobStore, filter: JobFilter) -> Result<ListJobsResponse, StoreError> {
    let limit = filter.limit;
    // One job more than asked tells whether an older page exists without a second scan.
    let mut jobs = store.list(&JobFilter {
        limit: limit.saturating_add(1),
        ..filter
    })?;
    let next_before_id = if jobs.len() > limit {
        jobs.truncate(limit);
        jobs.last().map(|job| job.id.clone()).unwrap_or_default()
    } else {
        String::new()
    };
    Ok(ListJobsResponse {
        jobs,
        next_before_id,
    })
}

#[cfg(test)]
mod tests;
