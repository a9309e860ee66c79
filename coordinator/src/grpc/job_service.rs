//! `JobService`: submit (alone or with its watch), watch, get, list and cancel jobs.

use std::sync::Arc;

use proto::v1::job_service_server::JobService;
use proto::v1::{
    CancelJobRequest, GetJobRequest, Job, JobState, ListJobsRequest, ListJobsResponse,
    SubmitJobRequest, SubmitJobResponse, WatchJobRequest,
};
use tonic::{Request, Response, Status};

use super::accept_job::{JobEvents, accept_job, job_events};
use super::status::job_error_status;
use crate::cluster::ClusterHandle;
use crate::job_id::{JobIdError, looks_like_job_id, resolve_job_id};
use crate::store::{JobFilter, JobStore, list_page};

const DEFAULT_LIST_LIMIT: usize = 50;
const MAX_LIST_LIMIT: usize = 1000;

pub struct JobApi {
    pub cluster: ClusterHandle,
    pub store: Arc<dyn JobStore>,
    pub max_prompt_bytes: usize,
}

/// A whole id for paging (any case).
fn checked_id(id: String) -> Result<String, Status> {
    if looks_like_job_id(&id) {
        Ok(id.to_ascii_uppercase())
    } else {
        Err(Status::invalid_argument(format!(
            "`{}` is not a job id (26 characters, e.g. 01KB3ZQ4T8Y0…)",
            id.escape_debug()
        )))
    }
}

impl JobApi {
    /// The one job id `text` names: the id itself or a unique prefix of it, in any case.
    async fn resolved_id(&self, text: String) -> Result<String, Status> {
        let store = self.store.clone();
        tokio::task::spawn_blocking(move || resolve_job_id(store.as_ref(), &text))
            .await
            .map_err(|error| Status::internal(format!("resolving a job id failed: {error}")))?
            .map_err(job_id_status)
    }
}

pub fn job_id_status(error: JobIdError) -> Status {
    match error {
        JobIdError::NotFound(_) => Status::not_found(error.to_string()),
        JobIdError::Store(_) => Status::internal(error.to_string()),
        _ => Status::invalid_argument(error.to_string()),
    }
}

#[tonic::async_trait]
impl JobService for JobApi {
    async fn submit_job(
        &self,
        request: Request<SubmitJobRequest>,
    ) -> Result<Response<SubmitJobResponse>, Status> {
        let accepted = accept_job(&self.cluster, request, self.max_prompt_bytes, false).await?;
        Ok(Response::new(SubmitJobResponse {
            job: Some(accepted.job),
        }))
    }

    type SubmitAndWatchStream = JobEvents;

    async fn submit_and_watch(
        &self,
        request: Request<SubmitJobRequest>,
    ) -> Result<Response<JobEvents>, Status> {
        // Answered once the record is durable; events made meanwhile wait in `updates`.
        let accepted = accept_job(&self.cluster, request, self.max_prompt_bytes, true).await?;
        Ok(Response::new(job_events(accepted.job, accepted.updates)))
    }

    type WatchJobStream = JobEvents;

    async fn watch_job(
        &self,
        request: Request<WatchJobRequest>,
    ) -> Result<Response<JobEvents>, Status> {
        let id = self.resolved_id(request.into_inner().id).await?;
        let watch = self.cluster.watch(id).await.map_err(job_error_status)?;
        Ok(Response::new(job_events(watch.snapshot, watch.updates)))
    }

    async fn get_job(&self, request: Request<GetJobRequest>) -> Result<Response<Job>, Status> {
        let id = self.resolved_id(request.into_inner().id).await?;
        self.cluster
            .get(id)
            .await
            .map(Response::new)
            .map_err(job_error_status)
    }

    async fn list_jobs(
        &self,
        request: Request<ListJobsRequest>,
    ) -> Result<Response<ListJobsResponse>, Status> {
        let request = request.into_inner();
        let filter = job_filter(request)?;
        let store = self.store.clone();
        let page = tokio::task::spawn_blocking(move || list_page(store.as_ref(), filter))
            .await
            .map_err(|error| Status::internal(format!("listing jobs failed: {error}")))?
            .map_err(|error| Status::internal(error.to_string()))?;
        Ok(Response::new(page))
    }

    async fn cancel_job(
        &self,
        request: Request<CancelJobRequest>,
    ) -> Result<Response<Job>, Status> {
        let id = self.resolved_id(request.into_inner().id).await?;
        self.cluster
            .cancel(id)
            .await
            .map(Response::new)
            .map_err(job_error_status)
    }
}

/// Turns a list request into a store filter, refusing nonsense.
pub fn job_filter(request: ListJobsRequest) -> Result<JobFilter, Status> {
    let state =
        match request.state {
            None | Some(0) => None,
            Some(state) => Some(JobState::try_from(state).map_err(|_| {
                Status::invalid_argument(format!("state {state} is not a job state"))
            })?),
        };
    let before_id = match request.before_id.as_str() {
        "" => None,
        id => Some(checked_id(id.to_owned())?),
    };
    let limit = match request.limit as usize {
        0 => DEFAULT_LIST_LIMIT,
        limit => limit.min(MAX_LIST_LIMIT),
    };
    let non_empty = |text: String| (!text.is_empty()).then_some(text);
    Ok(JobFilter {
        state,
        model: non_empty(request.model)
            .map(|model| crate::cluster::job_spec::canonical_model_name(&model)),
        node: non_empty(request.node),
        before_id,
        limit,
    })
}

#[cfg(test)]
mod tests;
