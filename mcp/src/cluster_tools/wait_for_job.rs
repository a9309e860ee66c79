//! Waiting for a submitted job's end by watching its token stream with `client::JobOutput`:
//! progress goes to the client as tokens arrive, and a retry after a lost node restarts the
//! output (the result holds only the final attempt's); a client that cancels its request
//! cancels the job (nobody wants the answer any more, and the node is freed); patience running
//! out returns the job as it stands, still running.

#[cfg(test)]
mod tests;

use std::time::Duration;

use client::{JobOutput, OutputStep, words};
use proto::v1::{CancelJobRequest, Job, JobState, WatchJobRequest, job_event};
use tokio_util::sync::CancellationToken;

use super::progress_reporter::ProgressReporter;
use crate::coordinator_link::CoordinatorLink;
use crate::tool_failure::{FailureKind, ToolFailure};
use crate::views::JobView;

/// How long a cancel for a client that went away may take; it is best effort.
const CANCEL_PATIENCE: Duration = Duration::from_secs(5);

#[derive(Debug)]
pub enum WaitOutcome {
    /// The job reached a terminal state; this is its final record.
    Ended(Job),
    /// Patience ran out; the job as last seen, with the output streamed so far.
    StillRunning(Job),
}

pub async fn wait_for_job(
    link: &CoordinatorLink,
    job: Job,
    mut progress: Option<ProgressReporter>,
    client_cancelled: &CancellationToken,
    patience: Duration,
) -> Result<WaitOutcome, ToolFailure> {
    let id = job.id.clone();
    let may_still_run = |mut failure: ToolFailure| {
        failure.error = format!(
            "{}; job {id} may still be running: ask get_job for it",
            failure.error
        );
        failure
    };
    let mut stream = link
        .jobs()
        .watch_job(WatchJobRequest { id: id.clone() })
        .await
        .map_err(|status| may_still_run(link.failure(&status)))?
        .into_inner();
    let deadline = tokio::time::Instant::now() + patience;
    // The stream's first snapshot carries the output made before it began.
    let mut output: Option<JobOutput> = None;
    let mut latest = job;
    let mut tokens = 0_usize;
    loop {
        let event = tokio::select! {
            () = client_cancelled.cancelled() => return Err(cancel_for_client(link, &id).await),
            () = tokio::time::sleep_until(deadline) => {
                latest.output = output.map(|output| output.shown().to_owned()).unwrap_or_default();
                return Ok(WaitOutcome::StillRunning(latest));
            }
            event = stream.message() => event,
        };
        let Some(event) = event.map_err(|status| may_still_run(link.failure(&status)))? else {
            return Err(may_still_run(ToolFailure::new(
                FailureKind::CoordinatorError,
                format!(
                    "the coordinator closed job {id}'s stream while it was {}",
                    words::job_state(latest.state)
                ),
            )));
        };
        let output = match (&mut output, &event.event) {
            (Some(output), _) => output,
            (None, Some(job_event::Event::Job(first))) => output.insert(JobOutput::new(first)),
            (None, _) => output.insert(JobOutput::default()),
        };
        match output.apply(event) {
            OutputStep::Tokens(_) => {
                tokens += 1;
                if let Some(progress) = progress.as_mut() {
                    progress.tokens_so_far(tokens, &latest.node).await;
                }
            }
            OutputStep::Restarted(job) => {
                // The tokens so far belong to the attempt on the lost node: the result will
                // hold only the new attempt's output, and the progress says why it restarts.
                if let Some(progress) = progress.as_mut() {
                    progress.restarted(&job, tokens).await;
                }
                tokens = 0;
                latest = job;
            }
            OutputStep::Changed(job) => latest = job,
            OutputStep::Ended { job, .. } => return Ok(WaitOutcome::Ended(job)),
            // An event kind newer than this build: nothing to wait on.
            OutputStep::Unknown => {}
        }
    }
}

/// What a waiting tool returns for a job that ended: the job when it succeeded, an `isError`
/// result with the reason (and the job) when it failed or was cancelled.
pub fn ended_job_result(job: &Job) -> Result<JobView, ToolFailure> {
    let view = JobView::from(job);
    if job.state == JobState::Succeeded as i32 {
        return Ok(view);
    }
    let on_node = if job.node.is_empty() {
        String::new()
    } else {
        format!(" on {}", job.node)
    };
    let mut failure = ToolFailure::new(
        FailureKind::JobFailed,
        format!("job {} {}{on_node}: {}", job.id, view.state, job.reason),
    );
    failure.rejections.clone_from(&view.rejections);
    failure.job = Some(Box::new(view));
    Err(failure)
}

/// The client cancelled its tool call: the job is cancelled too, best effort.
async fn cancel_for_client(link: &CoordinatorLink, id: &str) -> ToolFailure {
    let request = CancelJobRequest { id: id.to_owned() };
    let answer = tokio::time::timeout(CANCEL_PATIENCE, link.jobs().cancel_job(request)).await;
    match answer {
        Ok(Ok(_)) => {
            tracing::info!(job_id = %id, "mcp: the client cancelled its call; job cancelled")
        }
        Ok(Err(status)) => tracing::warn!(
            job_id = %id, error = %status.message(),
            "mcp: the client cancelled its call, but cancelling the job failed"
        ),
        Err(_) => tracing::warn!(
            job_id = %id,
            "mcp: the client cancelled its call, but the coordinator did not confirm cancelling the job"
        ),
    }
    ToolFailure::new(
        FailureKind::JobFailed,
        format!("the client cancelled the call, so job {id} was cancelled"),
    )
}
