//! One request's job: submitted with `SubmitAndWatch` (the caller's `traceparent` joining its
//! trace), followed with `client::JobOutput`, and cancelled when the caller goes away before
//! it ends — an HTTP client closing its connection drops the handler or the response stream,
//! and with it this run.

use std::time::Duration;

use axum::http::HeaderMap;
use client::{Coordinator, JobOutput, OutputStep, words};
use proto::v1::{CancelJobRequest, Job, JobEvent, JobSpec, JobState, SubmitJobRequest};
use tonic::Streaming;
use tonic::metadata::MetadataValue;

use crate::refusal::{Refusal, RefusalKind};

/// How long the cancel for a caller that went away may take; it is best effort.
const CANCEL_PATIENCE: Duration = Duration::from_secs(5);

/// The W3C trace-context headers passed on to the coordinator as gRPC metadata.
const TRACE_HEADERS: [&str; 2] = ["traceparent", "tracestate"];

/// What happened next to a running job.
#[derive(Debug)]
pub enum RunStep {
    /// More of the answer.
    Text(String),
    /// The job succeeded; `tail` is the part of its output not given as `Text` yet.
    Succeeded { job: Box<Job>, tail: String },
}

/// An accepted job being followed. Dropping it before the job ended cancels the job.
pub struct JobRun {
    /// The job as first seen (queued or running, with its node).
    pub job: Job,
    stream: Streaming<JobEvent>,
    output: JobOutput,
    cancel: CancelOnDrop,
}

impl JobRun {
    /// Submits `spec` and waits for the job's first snapshot (its record is then durable).
    /// A rejection or an invalid spec is the `Refusal`; nothing was started.
    pub async fn start(
        coordinator: &Coordinator,
        spec: JobSpec,
        headers: &HeaderMap,
    ) -> Result<Self, Refusal> {
        let mut request = tonic::Request::new(SubmitJobRequest { spec: Some(spec) });
        for key in TRACE_HEADERS {
            let value = headers.get(key).and_then(|value| value.to_str().ok());
            if let Some(value) = value.and_then(|text| text.parse::<MetadataValue<_>>().ok()) {
                request.metadata_mut().insert(key, value);
            }
        }
        let mut stream = coordinator
            .jobs()
            .submit_and_watch(request)
            .await
            .map_err(|status| Refusal::from_status(&status))?
            .into_inner();
        let first = match stream.message().await {
            Ok(Some(JobEvent {
                event: Some(proto::v1::job_event::Event::Job(job)),
            })) => job,
            Ok(_) => {
                return Err(Refusal::new(
                    RefusalKind::Internal,
                    "the coordinator accepted the job but sent no snapshot of it",
                ));
            }
            Err(status) => return Err(Refusal::from_status(&status)),
        };
        Ok(Self {
            output: JobOutput::new(&first),
            cancel: CancelOnDrop {
                coordinator: coordinator.clone(),
                id: Some(first.id.clone()),
            },
            job: first,
            stream,
        })
    }

    /// The output made before the stream began (usually empty), to give before any `next`.
    pub fn output_so_far(&self) -> &str {
        self.output.shown()
    }

    /// The next piece of the answer, or the end. A job that ended without succeeding is the
    /// `Refusal` in its own words.
    pub async fn next(&mut self) -> Result<RunStep, Refusal> {
        loop {
            let event = self.stream.message().await.map_err(|status| {
                let mut refusal = Refusal::from_status(&status);
                refusal.message = format!("job {} was cut off: {}", self.job.id, refusal.message);
                refusal
            })?;
            let Some(event) = event else {
                return Err(Refusal::new(
                    RefusalKind::Internal,
                    format!(
                        "the coordinator closed job {}'s stream while it was {}",
                        self.job.id,
                        words::job_state(self.job.state)
                    ),
                ));
            };
            match self.output.apply(event) {
                OutputStep::Tokens(text) => return Ok(RunStep::Text(text)),
                OutputStep::Ended { job, tail, .. } => {
                    self.cancel.id = None;
                    if job.state != JobState::Succeeded as i32 {
                        return Err(Refusal::from_ended_job(&job));
                    }
                    return Ok(RunStep::Succeeded {
                        job: Box::new(job),
                        tail,
                    });
                }
                // Jobs from this API are never retried (a streamed answer cannot be taken
                // back), so a restart does not happen; a change (queued -> running) goes on.
                OutputStep::Restarted(job) | OutputStep::Changed(job) => self.job = job,
                OutputStep::Unknown => {}
            }
        }
    }

    /// Follows the job to its end: the succeeded job, whole output included.
    pub async fn finish(mut self) -> Result<Job, Refusal> {
        loop {
            if let RunStep::Succeeded { job, .. } = self.next().await? {
                return Ok(*job);
            }
        }
    }
}

/// Cancels the job when dropped while `id` is still set (the caller went away).
struct CancelOnDrop {
    coordinator: Coordinator,
    id: Option<String>,
}

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        let Some(id) = self.id.take() else {
            return;
        };
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        let mut jobs = self.coordinator.jobs();
        runtime.spawn(async move {
            tracing::info!(job_id = %id, "the API caller went away: cancelling its job");
            let cancel = jobs.cancel_job(CancelJobRequest { id: id.clone() });
            match tokio::time::timeout(CANCEL_PATIENCE, cancel).await {
                Ok(Ok(_)) => {}
                // Already ended: nothing to cancel.
                Ok(Err(status)) if status.code() == tonic::Code::FailedPrecondition => {}
                Ok(Err(status)) => {
                    tracing::warn!(job_id = %id, error = %status.message(), "could not cancel the job of a caller that went away");
                }
                Err(_) => {
                    tracing::warn!(job_id = %id, "cancelling the job of a caller that went away took over 5 s; gave up");
                }
            }
        });
    }
}
