//! The shared first half of `SubmitJob` and `SubmitAndWatch`: check the spec, route the job,
//! and answer only once its record is durable (a restart loses nothing a client was told of);
//! and the event stream a watch or a submit-and-watch returns.

use std::pin::Pin;

use futures::{Stream, StreamExt};
use proto::v1::{Job, JobEvent, SubmitJobRequest, job_event};
use tokio::sync::mpsc;
use tonic::{Request, Status};

use super::status::{job_error_status, rejection_status};
use crate::cluster::ClusterHandle;
use crate::cluster::job_spec::validate_job_spec;

pub type JobEvents = Pin<Box<dyn Stream<Item = Result<JobEvent, Status>> + Send>>;

/// A job the cluster accepted and stored durably, and its later events when asked for.
pub struct AcceptedJob {
    pub job: Job,
    /// Unbounded: the cluster loop makes it (`ActiveJob::subscribe`) and must never wait on a
    /// slow client; what it holds is bounded by one job's events (its output and transitions).
    pub updates: Option<mpsc::UnboundedReceiver<JobEvent>>,
}

/// Validates and submits; a rejection is the same status (code and details) for both calls.
pub async fn accept_job(
    cluster: &ClusterHandle,
    request: Request<SubmitJobRequest>,
    max_prompt_bytes: usize,
    watch: bool,
) -> Result<AcceptedJob, Status> {
    // The client's `traceparent` makes the job's trace a part of the client's.
    let trace_context = telemetry::carrier_from_grpc_metadata(request.metadata());
    let spec = request
        .into_inner()
        .spec
        .ok_or_else(|| Status::invalid_argument("spec is required"))?;
    let spec = validate_job_spec(spec, max_prompt_bytes)
        .map_err(|invalid| Status::invalid_argument(invalid.0))?;
    let submitted = if watch {
        cluster.submit_and_watch(spec, trace_context).await
    } else {
        cluster.submit(spec, trace_context).await
    };
    let submitted = match submitted.map_err(job_error_status)? {
        Ok(submitted) => submitted,
        Err(mut rejected) => {
            // The rejection is answered once it is in the history, so a client that lists jobs
            // right after sees it. A store that failed stops the coordinator on its own; the
            // rejection is still the answer.
            if let Some(durable) = rejected.durable.take() {
                let _ = durable.await;
            }
            return Err(rejection_status(&rejected));
        }
    };
    match submitted.durable.await {
        Ok(Ok(())) => Ok(AcceptedJob {
            job: submitted.job,
            updates: submitted.updates,
        }),
        // Not durable means not accepted: a restart would lose a job the client was told of.
        // The writer's failure stops the coordinator, which ends the job it had placed.
        Ok(Err(error)) => Err(Status::unavailable(format!(
            "job not accepted: its record could not be stored ({error})"
        ))),
        Err(_) => Err(Status::unavailable(
            "job not accepted: the job store stopped before its record was stored (the \
             coordinator is stopping); submit again once it is back",
        )),
    }
}

/// `snapshot` first, then every update until the cluster drops the job's sender (after its
/// terminal event), or just `snapshot` when there are no updates to come.
pub fn job_events(snapshot: Job, updates: Option<mpsc::UnboundedReceiver<JobEvent>>) -> JobEvents {
    let first = futures::stream::once(std::future::ready(Ok(JobEvent {
        event: Some(job_event::Event::Job(snapshot)),
    })));
    match updates {
        None => Box::pin(first),
        Some(updates) => {
            let rest = tokio_stream::wrappers::UnboundedReceiverStream::new(updates).map(Ok);
            Box::pin(first.chain(rest))
        }
    }
}

#[cfg(test)]
mod tests;
