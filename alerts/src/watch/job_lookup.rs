//! The job history questions the alerter asks the coordinator's `JobService`: which jobs a
//! node holds, which failed, what became of one job. Behind a trait so the watch loop can be
//! tested without a coordinator.

use std::future::Future;

use client::{Coordinator, is_terminal};
use proto::v1::job_service_client::JobServiceClient;
use proto::v1::{GetJobRequest, Job, JobState, ListJobsRequest};
use tonic::Status;
use tonic::transport::Channel;

/// How many jobs one listing returns at most; the coordinator caps listings at 1000.
const LISTING_LIMIT: u32 = 200;

pub trait JobLookup: Send + Sync + 'static {
    /// Queued and running jobs placed on `node`.
    fn active_jobs_on(&self, node: &str) -> impl Future<Output = Result<Vec<Job>, Status>> + Send;
    /// Failed jobs, newest first; on one node when `node` is given.
    fn failed_jobs(
        &self,
        node: Option<&str>,
    ) -> impl Future<Output = Result<Vec<Job>, Status>> + Send;
    fn job(&self, id: &str) -> impl Future<Output = Result<Job, Status>> + Send;
}

#[derive(Debug, Clone)]
pub struct GrpcJobLookup {
    client: JobServiceClient<Channel>,
}

impl GrpcJobLookup {
    pub fn new(coordinator: &Coordinator) -> Self {
        Self {
            client: coordinator.jobs(),
        }
    }
}

/// Queued or running: not yet ended.
pub fn is_active(job: &Job) -> bool {
    !is_terminal(job.state)
}

impl JobLookup for GrpcJobLookup {
    async fn active_jobs_on(&self, node: &str) -> Result<Vec<Job>, Status> {
        let request = ListJobsRequest {
            node: node.to_owned(),
            limit: LISTING_LIMIT,
            ..Default::default()
        };
        let jobs = self
            .client
            .clone()
            .list_jobs(request)
            .await?
            .into_inner()
            .jobs;
        Ok(jobs.into_iter().filter(is_active).collect())
    }

    async fn failed_jobs(&self, node: Option<&str>) -> Result<Vec<Job>, Status> {
        let request = ListJobsRequest {
            state: Some(JobState::Failed as i32),
            node: node.unwrap_or_default().to_owned(),
            limit: LISTING_LIMIT,
            ..Default::default()
        };
        Ok(self
            .client
            .clone()
            .list_jobs(request)
            .await?
            .into_inner()
            .jobs)
    }

    async fn job(&self, id: &str) -> Result<Job, Status> {
        let request = GetJobRequest { id: id.to_owned() };
        Ok(self.client.clone().get_job(request).await?.into_inner())
    }
}
