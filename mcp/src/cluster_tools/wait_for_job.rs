//! Waiting for a submitted job's end by watching its token stream: progress goes to the
//! client as tokens arrive; a client that cancels its request cancels the job (nobody wants
//! the answer any more, and the node is freed); patience running out returns the job as it
//! stands, still running.

use std::time::Duration;

use proto::v1::{CancelJobRequest, Job, JobState, WatchJobRequest, job_event};
use tokio_util::sync::CancellationToken;

use super::progress_reporter::ProgressReporter;
use crate::coordinator_link::CoordinatorLink;
use crate::tool_failure::{FailureKind, ToolFailure};
use crate::views::{JobView, job_state_word};

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
    let mut latest = job;
    let mut tokens = 0_usize;
    loop {
        let event = tokio::select! {
            () = client_cancelled.cancelled() => return Err(cancel_for_client(link, &id).await),
            () = tokio::time::sleep_until(deadline) => return Ok(WaitOutcome::StillRunning(latest)),
            event = stream.message() => event,
        };
        match event.map_err(|status| may_still_run(link.failure(&status)))? {
            Some(event) => match event.event {
                Some(job_event::Event::Delta(text)) => {
                    tokens += 1;
                    latest.output.push_str(&text);
                    if let Some(progress) = progress.as_mut() {
                        progress.tokens_so_far(tokens, &latest.node).await;
                    }
                }
                Some(job_event::Event::Job(job)) if is_terminal(&job) => {
                    return Ok(WaitOutcome::Ended(job));
                }
                Some(job_event::Event::Job(mut job)) => {
                    // A state change may come without the tokens streamed so far.
                    if job.output.len() < latest.output.len() {
                        job.output = std::mem::take(&mut latest.output);
                    }
                    latest = job;
                }
                None => {}
            },
            None => {
                return Err(may_still_run(ToolFailure::new(
                    FailureKind::CoordinatorError,
                    format!(
                        "the coordinator closed job {id}'s stream while it was {}",
                        job_state_word(latest.state)
                    ),
                )));
            }
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

fn is_terminal(job: &Job) -> bool {
    matches!(
        JobState::try_from(job.state),
        Ok(JobState::Succeeded | JobState::Failed | JobState::Cancelled | JobState::Rejected)
    )
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

#[cfg(test)]
mod tests {
    use proto::v1::{JobKind, JobSpec, NodeIneligibility};

    use super::*;

    fn job(state: JobState, reason: &str) -> Job {
        Job {
            id: "01JOB".into(),
            spec: Some(JobSpec {
                kind: JobKind::Generate as i32,
                model: "gemma4:27b".into(),
                ..Default::default()
            }),
            state: state as i32,
            node: "davas".into(),
            reason: reason.into(),
            output: "blue".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_succeeded_job_is_the_result() {
        let view = ended_job_result(&job(JobState::Succeeded, "")).unwrap();
        assert_eq!(
            (view.state.as_str(), view.output.as_str()),
            ("succeeded", "blue")
        );
    }

    #[test]
    fn a_failed_or_rejected_job_is_an_error_with_its_reason_and_record() {
        let failure =
            ended_job_result(&job(JobState::Failed, "node_lost: davas stopped answering"))
                .unwrap_err();
        assert_eq!(failure.kind, FailureKind::JobFailed);
        assert_eq!(
            failure.error,
            "job 01JOB failed on davas: node_lost: davas stopped answering"
        );
        assert_eq!(
            failure.job.as_ref().map(|job| job.output.as_str()),
            Some("blue")
        );
        let mut rejected = job(JobState::Rejected, "no node can run gemma4:27b");
        rejected.node.clear();
        rejected.rejections = vec![NodeIneligibility {
            node: "davas".into(),
            reason: "davas: draining".into(),
            ..Default::default()
        }];
        let failure = ended_job_result(&rejected).unwrap_err();
        assert_eq!(
            failure.error,
            "job 01JOB rejected: no node can run gemma4:27b"
        );
        assert!(
            failure.text().contains("\n  davas: draining"),
            "{}",
            failure.text()
        );
    }

    #[test]
    fn only_ended_states_are_terminal() {
        assert!(is_terminal(&job(JobState::Cancelled, "")));
        assert!(!is_terminal(&job(JobState::Running, "")));
        assert!(!is_terminal(&job(JobState::Queued, "")));
    }
}
