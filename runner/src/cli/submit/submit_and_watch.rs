//! `SubmitAndWatch` from the CLI: one call submits the job and streams it; its first event is
//! the job's snapshot (sent once the job is stored), which tells the CLI the job's id.

use std::future::Future;
use std::io::Write;
use std::pin::{Pin, pin};

use proto::v1::{Job, JobEvent, JobSpec, SubmitJobRequest, job_event};
use tonic::Streaming;

use super::cancel_on_interrupt::{CANCEL_PATIENCE, cancel_after_interrupt};
use crate::cli::Interrupt;
use crate::cli::connect::Coordinator;
use crate::cli::exit_code::ClientError;

/// The accepted job's snapshot and the rest of its events.
pub struct WatchedJob {
    pub job: Job,
    pub events: Streaming<JobEvent>,
}

/// Submits and reads the first event; `Err(signal)` when Ctrl-C or SIGTERM came first (already
/// handled and reported). The job may exist on the coordinator by then, so the answer is still awaited
/// briefly to learn the job's id and cancel it.
pub async fn submit_and_watch(
    coordinator: &Coordinator,
    spec: JobSpec,
    interrupt: Pin<&mut (impl Future<Output = Interrupt> + Send)>,
    err: &mut (dyn Write + Send),
) -> Result<Result<WatchedJob, Interrupt>, ClientError> {
    let mut call = pin!(first_event(coordinator, spec));
    let answer = tokio::select! {
        answer = call.as_mut() => answer,
        signal = interrupt => {
            let message = match tokio::time::timeout(CANCEL_PATIENCE, call).await {
                Ok(Ok(watched)) => {
                    cancel_after_interrupt(coordinator, &watched.job.id, signal, err).await;
                    return Ok(Err(signal));
                }
                Ok(Err(_)) => "interrupted; the coordinator did not accept the job",
                Err(_) => {
                    "interrupted before the coordinator answered; a job may have started: check `runner jobs`"
                }
            };
            writeln!(err, "{message}")?;
            return Ok(Err(signal));
        }
    };
    answer.map(Ok)
}

async fn first_event(coordinator: &Coordinator, spec: JobSpec) -> Result<WatchedJob, ClientError> {
    let mut events = coordinator
        .jobs()
        .submit_and_watch(SubmitJobRequest { spec: Some(spec) })
        .await
        .map_err(|status| coordinator.call_failed(status))?
        .into_inner();
    let job = opening_job(coordinator, &mut events, "SubmitAndWatch").await?;
    Ok(WatchedJob { job, events })
}

/// The `job` snapshot a job's stream opens with (`SubmitAndWatch` or `WatchJob`, named by
/// `call` in the error when the stream starts otherwise).
pub async fn opening_job(
    coordinator: &Coordinator,
    events: &mut Streaming<JobEvent>,
    call: &str,
) -> Result<Job, ClientError> {
    let first = events
        .message()
        .await
        .map_err(|status| coordinator.call_failed(status))?;
    match first {
        Some(JobEvent {
            event: Some(job_event::Event::Job(job)),
        }) => Ok(job),
        _ => Err(ClientError::BadAnswer(format!(
            "{call} did not start with the job"
        ))),
    }
}
