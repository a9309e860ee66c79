//! The fake coordinator's `JobService`: jobs kept in memory, submits rejected when the snapshot
//! says the model is unavailable, scripted or open-ended watch streams, cancels recorded.

use futures::StreamExt;
use proto::v1::job_service_server::JobService;
use proto::v1::*;
use tonic::{Request, Response, Status};

use super::fake_coordinator::{Boxed, Fake};

#[tonic::async_trait]
impl JobService for Fake {
    async fn submit_job(
        &self,
        request: Request<SubmitJobRequest>,
    ) -> Result<Response<SubmitJobResponse>, Status> {
        let spec = request.into_inner().spec.unwrap_or_default();
        let mut recorded = self.recorded.lock().unwrap();
        recorded.submitted.push(spec.clone());
        let id = format!("J{}", recorded.submitted.len());
        let rejection = self.rejection(&spec, &id);
        let state = if rejection.is_some() {
            JobState::Rejected
        } else {
            JobState::Queued
        };
        let job = Job {
            id: id.clone(),
            spec: Some(spec),
            state: state as i32,
            ..Default::default()
        };
        recorded.jobs.insert(id, job.clone());
        match rejection {
            Some(status) => Err(status),
            None => Ok(Response::new(SubmitJobResponse { job: Some(job) })),
        }
    }

    type WatchJobStream = Boxed<JobEvent>;

    async fn watch_job(
        &self,
        request: Request<WatchJobRequest>,
    ) -> Result<Response<Self::WatchJobStream>, Status> {
        let id = request.into_inner().id;
        let recorded = self.recorded.lock().unwrap();
        if let Some(events) = recorded.job_events.get(&id) {
            return Ok(Response::new(Box::pin(futures::stream::iter(
                events.clone().into_iter().map(Ok),
            ))));
        }
        let job = recorded
            .jobs
            .get(&id)
            .cloned()
            .ok_or_else(|| Status::not_found(format!("no job {id}")))?;
        let first = futures::stream::once(async move {
            Ok(JobEvent {
                event: Some(job_event::Event::Job(job)),
            })
        });
        Ok(Response::new(Box::pin(
            first.chain(futures::stream::pending()),
        )))
    }

    type SubmitAndWatchStream = Boxed<JobEvent>;

    /// The web UI submits and watches in two calls; this fake does not need the one-call form.
    async fn submit_and_watch(
        &self,
        _: Request<SubmitJobRequest>,
    ) -> Result<Response<Self::SubmitAndWatchStream>, Status> {
        Err(Status::unimplemented(
            "the web UI's fake does not submit and watch in one call",
        ))
    }

    async fn get_job(&self, request: Request<GetJobRequest>) -> Result<Response<Job>, Status> {
        let id = request.into_inner().id;
        let recorded = self.recorded.lock().unwrap();
        recorded
            .jobs
            .get(&id)
            .cloned()
            .map(Response::new)
            .ok_or_else(|| Status::not_found(format!("no job {id}")))
    }

    async fn list_jobs(
        &self,
        request: Request<ListJobsRequest>,
    ) -> Result<Response<ListJobsResponse>, Status> {
        let request = request.into_inner();
        let recorded = self.recorded.lock().unwrap();
        let jobs = recorded
            .jobs
            .values()
            .rev()
            .filter(|job| request.before_id.is_empty() || job.id < request.before_id)
            .filter(|job| request.state.is_none_or(|state| job.state == state))
            .filter(|job| request.node.is_empty() || job.node == request.node)
            .take(if request.limit == 0 {
                50
            } else {
                request.limit as usize
            })
            .cloned()
            .collect();
        Ok(Response::new(ListJobsResponse {
            jobs,
            next_before_id: String::new(),
        }))
    }

    async fn cancel_job(
        &self,
        request: Request<CancelJobRequest>,
    ) -> Result<Response<Job>, Status> {
        let id = request.into_inner().id;
        let mut recorded = self.recorded.lock().unwrap();
        recorded.cancelled.push(id.clone());
        let job = recorded
            .jobs
            .get_mut(&id)
            .ok_or_else(|| Status::not_found(format!("no job {id}")))?;
        job.state = JobState::Cancelled as i32;
        Ok(Response::new(job.clone()))
    }
}
