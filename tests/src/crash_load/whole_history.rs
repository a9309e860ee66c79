//! The whole job history as any client reads it: `ListJobs` page after page (`next_before_id`)
//! until the last, and how many jobs are still queued or running, to wait for a settle.

use anyhow::{Context, ensure};
use proto::v1::job_service_client::JobServiceClient;
use proto::v1::{Job, JobState, ListJobsRequest};
use tonic::transport::Channel;

/// The largest page `ListJobs` serves.
const PAGE: u32 = 1000;
/// More pages than any scenario's history needs: a paging loop that never ends is a bug.
const MOST_PAGES: usize = 1000;

/// Every job the coordinator recorded, newest first, over every page.
pub async fn whole_history(channel: &Channel) -> anyhow::Result<Vec<Job>> {
    listed(channel, None).await
}

/// How many jobs are still queued or running.
pub async fn active_jobs(channel: &Channel) -> anyhow::Result<usize> {
    let queued = listed(channel, Some(JobState::Queued)).await?;
    let running = listed(channel, Some(JobState::Running)).await?;
    Ok(queued.len() + running.len())
}

async fn listed(channel: &Channel, state: Option<JobState>) -> anyhow::Result<Vec<Job>> {
    let mut jobs = Vec::new();
    let mut before_id = String::new();
    for _ in 0..MOST_PAGES {
        let request = ListJobsRequest {
            state: state.map(|state| state as i32),
            limit: PAGE,
            before_id: before_id.clone(),
            ..ListJobsRequest::default()
        };
        let page = JobServiceClient::new(channel.clone())
            .list_jobs(request)
            .await
            .context("listing jobs")?
            .into_inner();
        jobs.extend(page.jobs);
        if page.next_before_id.is_empty() {
            return Ok(jobs);
        }
        ensure!(
            page.next_before_id != before_id,
            "ListJobs handed back the same page cursor {before_id}"
        );
        before_id = page.next_before_id;
    }
    anyhow::bail!("the history has more than {MOST_PAGES} pages of {PAGE}")
}
