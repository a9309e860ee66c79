//! The day's jobs: `ListJobs` pages, newest first, followed with `before_id` until the jobs
//! are older than the day; then counted by state and model, failures and rejections listed.

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use client::Coordinator;
use proto::v1::{Job, JobState, ListJobsRequest};

use crate::briefing::day::BriefingDay;
use crate::briefing::facts::FailedJob;

/// The most jobs `ListJobs` gives in one page.
const PAGE: u32 = 1000;
/// A failure's reason is cut here: the facts list many, the job holds the rest.
const MAX_REASON_CHARS: usize = 300;

/// Every job created during `day`, oldest first.
pub(super) async fn jobs_of_day(
    coordinator: &Coordinator,
    day: &BriefingDay,
) -> Result<Vec<Job>, String> {
    let mut jobs_client = coordinator.jobs();
    let mut found = Vec::new();
    let mut before_id = String::new();
    loop {
        let request = ListJobsRequest {
            limit: PAGE,
            before_id: before_id.clone(),
            ..ListJobsRequest::default()
        };
        let page = jobs_client
            .list_jobs(request)
            .await
            .map_err(|status| format!("listing the jobs failed: {}", status.message()))?
            .into_inner();
        let older_than_day = page
            .jobs
            .last()
            .is_none_or(|oldest| oldest.created_at_ms < day.since_ms);
        found.extend(
            page.jobs
                .into_iter()
                .filter(|job| day.contains(job.created_at_ms)),
        );
        if older_than_day || page.next_before_id.is_empty() {
            break;
        }
        before_id = page.next_before_id;
    }
    found.reverse();
    Ok(found)
}

#[derive(Debug, Default, PartialEq)]
pub(super) struct CountedJobs {
    pub by_state: BTreeMap<String, u64>,
    pub by_model: BTreeMap<String, u64>,
    pub failures: Vec<FailedJob>,
}

pub(super) fn count_jobs(jobs: &[Job]) -> CountedJobs {
    let mut counted = CountedJobs::default();
    for job in jobs {
        let state = client::words::job_state(job.state).to_owned();
        let model = job
            .spec
            .as_ref()
            .map(|spec| spec.model.clone())
            .unwrap_or_default();
        *counted.by_state.entry(state.clone()).or_default() += 1;
        *counted.by_model.entry(model.clone()).or_default() += 1;
        let failed = matches!(
            JobState::try_from(job.state),
            Ok(JobState::Failed | JobState::Rejected)
        );
        if failed {
            let reason = job.reason.lines().next().unwrap_or_default();
            counted.failures.push(FailedJob {
                id: job.id.clone(),
                model,
                state,
                reason: reason.chars().take(MAX_REASON_CHARS).collect(),
            });
        }
    }
    counted
}
