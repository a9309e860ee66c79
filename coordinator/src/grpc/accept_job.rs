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
    let submitted = submitted
        .map_err(job_error_status)?
        .map_err(|rejected| rejection_status(&rejected))?;
    match submitted.durable.await {
        Ok(Ok(())) => Ok(AcceptedJob {
            job: submitted.job,
            updates: submitted.updates,
        }),
        Ok(Err(error)) => Err(Status::internal(format!(
            "job accepted but not stored: {error}"
        ))),
        Err(_) => Err(Status::unavailable("the coordinator is shutting down")),
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
mod tests {
    use super::*;

    fn job(id: &str) -> Job {
        Job {
            id: id.into(),
            ..Default::default()
        }
    }

    #[tokio::test]
    async fn the_snapshot_comes_first_then_held_updates_in_order() {
        let (sender, receiver) = mpsc::unbounded_channel();
        for text in ["a", "b"] {
            sender
                .send(JobEvent {
                    event: Some(job_event::Event::Delta(text.into())),
                })
                .unwrap();
        }
        drop(sender);
        let events: Vec<_> = job_events(job("J1"), Some(receiver))
            .map(|event| event.unwrap().event.unwrap())
            .collect()
            .await;
        assert_eq!(
            events,
            [
                job_event::Event::Job(job("J1")),
                job_event::Event::Delta("a".into()),
                job_event::Event::Delta("b".into()),
            ]
        );
    }

    #[tokio::test]
    async fn an_ended_job_is_just_its_snapshot() {
        let events: Vec<_> = job_events(job("J2"), None).collect().await;
        assert_eq!(events.len(), 1);
    }
}
