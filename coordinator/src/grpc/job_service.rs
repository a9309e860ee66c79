//! `JobService`: submit, watch, get, list and cancel jobs.

use std::pin::Pin;
use std::sync::Arc;

use futures::Stream;
use proto::v1::job_service_server::JobService;
use proto::v1::{
    CancelJobRequest, GetJobRequest, Job, JobEvent, JobState, ListJobsRequest, ListJobsResponse,
    SubmitJobRequest, SubmitJobResponse, WatchJobRequest, job_event,
};
use tonic::{Request, Response, Status};

use super::status::{job_error_status, rejection_status};
use crate::cluster::ClusterHandle;
use crate::cluster::job_spec::validate_job_spec;
use crate::job_id::looks_like_job_id;
use crate::store::{JobFilter, JobStore};

const DEFAULT_LIST_LIMIT: usize = 50;
const MAX_LIST_LIMIT: usize = 1000;

pub struct JobApi {
    pub cluster: ClusterHandle,
    pub store: Arc<dyn JobStore>,
    pub max_prompt_bytes: usize,
}

type JobEvents = Pin<Box<dyn Stream<Item = Result<JobEvent, Status>> + Send>>;

fn checked_id(id: String) -> Result<String, Status> {
    if looks_like_job_id(&id) {
        Ok(id)
    } else {
        Err(Status::invalid_argument(format!(
            "`{}` is not a job id (26 characters, e.g. 01KB3ZQ4T8Y0…)",
            id.escape_debug()
        )))
    }
}

#[tonic::async_trait]
impl JobService for JobApi {
    async fn submit_job(
        &self,
        request: Request<SubmitJobRequest>,
    ) -> Result<Response<SubmitJobResponse>, Status> {
        // The client's `traceparent` makes the job's trace a part of the client's.
        let trace_context = telemetry::carrier_from_grpc_metadata(request.metadata());
        let spec = request
            .into_inner()
            .spec
            .ok_or_else(|| Status::invalid_argument("spec is required"))?;
        let spec = validate_job_spec(spec, self.max_prompt_bytes)
            .map_err(|invalid| Status::invalid_argument(invalid.0))?;
        match self
            .cluster
            .submit(spec, trace_context)
            .await
            .map_err(job_error_status)?
        {
            Ok(submitted) => {
                match submitted.durable.await {
                    Ok(Ok(())) => {}
                    Ok(Err(error)) => {
                        return Err(Status::internal(format!(
                            "job accepted but not stored: {error}"
                        )));
                    }
                    Err(_) => return Err(Status::unavailable("the coordinator is shutting down")),
                }
                Ok(Response::new(SubmitJobResponse {
                    job: Some(submitted.job),
                }))
            }
            Err(rejected) => Err(rejection_status(&rejected)),
        }
    }

    type WatchJobStream = JobEvents;

    async fn watch_job(
        &self,
        request: Request<WatchJobRequest>,
    ) -> Result<Response<JobEvents>, Status> {
        let id = checked_id(request.into_inner().id)?;
        let watch = self.cluster.watch(id).await.map_err(job_error_status)?;
        let first = futures::stream::once(async move {
            Ok(JobEvent {
                event: Some(job_event::Event::Job(watch.snapshot)),
            })
        });
        let stream: JobEvents = match watch.updates {
            None => Box::pin(first),
            Some(updates) => {
                let rest = tokio_stream::wrappers::UnboundedReceiverStream::new(updates);
                Box::pin(futures::StreamExt::chain(
                    first,
                    futures::StreamExt::map(rest, Ok),
                ))
            }
        };
        Ok(Response::new(stream))
    }

    async fn get_job(&self, request: Request<GetJobRequest>) -> Result<Response<Job>, Status> {
        let id = checked_id(request.into_inner().id)?;
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
        let jobs = tokio::task::spawn_blocking(move || store.list(&filter))
            .await
            .map_err(|error| Status::internal(format!("listing jobs failed: {error}")))?
            .map_err(|error| Status::internal(error.to_string()))?;
        Ok(Response::new(ListJobsResponse { jobs }))
    }

    async fn cancel_job(
        &self,
        request: Request<CancelJobRequest>,
    ) -> Result<Response<Job>, Status> {
        let id = checked_id(request.into_inner().id)?;
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
