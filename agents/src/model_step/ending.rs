//! How a model step ends: from the job's final record (its state, output, node and the usage
//! its backend reported), from a rejection's job id, or by cancelling the job.

#[cfg(test)]
mod tests;

use std::time::Duration;

use client::Coordinator;
use proto::v1::job_event::Event;
use proto::v1::{CancelJobRequest, GetJobRequest, Job, JobEvent, JobState};
use tonic::{Status, Streaming};

use crate::clip::step_output;
use crate::context::StepFailure;
use crate::run_record::{RunRecord, StepIndex, StepState};

/// How long cancelling a step's job may take; it is best effort (the run is cancelled anyway).
const CANCEL_PATIENCE: Duration = Duration::from_secs(5);

/// Records the job's id and node on its step while it runs.
pub(super) fn note_job(record: &mut RunRecord, index: StepIndex, job: &Job) {
    record.update_step(index, |step| {
        step.job_id.clone_from(&job.id);
        step.node.clone_from(&job.node);
    });
}

/// Sends the step's output so far (while its job streams), clipped like any step output.
pub(super) fn show_output(record: &mut RunRecord, index: StepIndex, shown: &str) {
    record.update_step(index, |step| step.output = step_output(shown));
}

/// Ends the step with the job's final record: its text when it succeeded.
pub(super) fn end_with_job(
    record: &mut RunRecord,
    index: StepIndex,
    name: &str,
    job: Job,
) -> Result<String, StepFailure> {
    let usage = job.usage.unwrap_or_default();
    record.update_step(index, |step| {
        step.job_id.clone_from(&job.id);
        step.node.clone_from(&job.node);
        step.input_tokens = usage.input_tokens;
        step.output_tokens = usage.output_tokens;
    });
    let (state, failure) = match JobState::try_from(job.state) {
        Ok(JobState::Succeeded) => (StepState::Succeeded, None),
        Ok(JobState::Rejected) => (
            StepState::Rejected,
            Some(StepFailure::Rejected {
                step: name.to_owned(),
                reason: job.reason.clone(),
            }),
        ),
        Ok(JobState::Cancelled) => (
            StepState::Cancelled,
            Some(StepFailure::failed(
                name,
                format!("job {} was cancelled: {}", job.id, job.reason),
            )),
        ),
        _ => (
            StepState::Failed,
            Some(StepFailure::failed(
                name,
                format!("job {} failed: {}", job.id, job.reason),
            )),
        ),
    };
    record.end_step(index, state, &job.output, &job.reason);
    tracing::info!(job_id = %job.id, node = %job.node, state = state.word(), "agent step ended");
    match failure {
        None => Ok(job.output),
        Some(failure) => Err(failure),
    }
}

/// The stream closed without the job's end: the job as `GetJob` has it, if it ended.
pub(super) async fn ended_after_stream(
    coordinator: &Coordinator,
    record: &mut RunRecord,
    index: StepIndex,
    name: &str,
    job_id: &str,
) -> Result<String, StepFailure> {
    let fetched = coordinator
        .jobs()
        .get_job(GetJobRequest {
            id: job_id.to_owned(),
        })
        .await;
    match fetched {
        Ok(job) if client::is_terminal(job.get_ref().state) => {
            end_with_job(record, index, name, job.into_inner())
        }
        _ => {
            let reason = format!("the stream of job {job_id} ended before the job did");
            record.end_step(index, StepState::Failed, "", &reason);
            Err(StepFailure::failed(name, reason))
        }
    }
}

/// Drops the step's stream and cancels its job; a job that already ended is left alone. When
/// the cancel came before the job's first snapshot, that snapshot is awaited for the job's id.
pub(super) async fn cancel_job(
    coordinator: &Coordinator,
    job_id: &str,
    mut stream: Streaming<JobEvent>,
) {
    let mut job_id = job_id.to_owned();
    if job_id.is_empty()
        && let Ok(Ok(Some(JobEvent {
            event: Some(Event::Job(first)),
        }))) = tokio::time::timeout(CANCEL_PATIENCE, stream.message()).await
    {
        job_id = first.id;
    }
    drop(stream);
    if job_id.is_empty() {
        return;
    }
    let request = CancelJobRequest { id: job_id.clone() };
    let mut jobs = coordinator.jobs();
    match tokio::time::timeout(CANCEL_PATIENCE, jobs.cancel_job(request)).await {
        Ok(Ok(_)) => tracing::info!(%job_id, "agent run cancelled: its step's job is cancelled"),
        Ok(Err(status)) if status.code() == tonic::Code::FailedPrecondition => {}
        Ok(Err(status)) => {
            tracing::warn!(%job_id, error = %status.message(), "could not cancel the step's job");
        }
        Err(_) => tracing::warn!(%job_id, "cancelling the step's job took over 5 s; gave up"),
    }
}

/// The id of the job a rejection recorded (the status' `ErrorInfo`), or empty.
pub(super) fn rejected_job_id(status: &Status) -> String {
    client::rejected_job_id(status).unwrap_or_default()
}
