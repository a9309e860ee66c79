//! Running a chat, generate or summarize job on the cluster and following it to its end.
//! The submit carries `vault:<id>` as its idempotency key, so submitting again — after the
//! coordinator went away mid-job, or after this worker restarted — finds the first job
//! instead of making a second. A rejection is the answer, never a reason to try another model.

use std::sync::Arc;
use std::time::Duration;

use proto::v1::{Job, JobState, SubmitJobRequest, job_event::Event};
use tonic::{Code, Status};
use tonic_types::StatusExt;

use crate::job_note::JobNote;
use crate::ledger::{Stage, VaultJob};
use crate::result_note::{Outcome, ResultFacts};

use super::config::{CrashPoint, crash_if};
use super::execute::ended;
use super::moves::record;
use super::shared::{Shared, blocking};
use super::spec::job_spec;

const MAX_BACKOFF: Duration = Duration::from_secs(30);

enum Followed {
    Ended(Box<Job>),
    /// No node could run the model (the first answer, or its replay).
    Rejected(Status),
    /// The coordinator refused the request itself (bad spec, key reused).
    Refused(Status),
    Unreachable(String),
}

pub async fn run_on_cluster(
    shared: &Arc<Shared>,
    job: &mut VaultJob,
    note: &JobNote,
    mut facts: ResultFacts,
) -> Option<ResultFacts> {
    let shared_for_spec = shared.clone();
    let (job_for_spec, note_for_spec) = (job.clone(), note.clone());
    let spec = blocking(shared, move |_| {
        job_spec(&shared_for_spec, &job_for_spec, &note_for_spec)
    })
    .await;
    let (spec, cited) = match spec {
        Ok(built) => built,
        Err(problem) => return Some(ended(facts, Outcome::Invalid, problem)),
    };
    facts.cited = cited;
    let mut backoff = Duration::from_secs(1);
    loop {
        match follow_once(shared, job, spec.clone()).await {
            Followed::Ended(cluster_job) => return Some(facts_from(facts, &cluster_job)),
            Followed::Rejected(status) => {
                facts.cluster_job_id =
                    client::rejected_job_id(&status).or(job.cluster_job_id.clone());
                // The result note says the headline and "not run on another model" itself.
                let nodes = client::node_reasons(&status);
                let reason = if nodes.is_empty() {
                    status.message().to_owned()
                } else {
                    nodes.join("\n")
                };
                return Some(ended(facts, Outcome::Rejected, reason));
            }
            Followed::Refused(status) => {
                let reason = format!("the coordinator refused the job: {}", status.message());
                return Some(ended(facts, Outcome::Failed, reason));
            }
            Followed::Unreachable(reason) => {
                tracing::warn!(vault_job = %job.id, %reason, retry_in_s = backoff.as_secs(), "vault: the coordinator is unreachable; the job is submitted again with its key when it is back");
                shared
                    .status
                    .error(format!("coordinator unreachable: {reason}"));
                tokio::select! {
                    () = tokio::time::sleep(backoff) => {}
                    () = shared.shutdown.cancelled() => return None,
                }
                backoff = (backoff * 2).min(MAX_BACKOFF);
            }
        }
    }
}

async fn follow_once(
    shared: &Arc<Shared>,
    job: &mut VaultJob,
    spec: proto::v1::JobSpec,
) -> Followed {
    let request = SubmitJobRequest { spec: Some(spec) };
    let mut jobs = shared.coordinator.jobs();
    let submitted = tokio::select! {
        submitted = jobs.submit_and_watch(request) => submitted,
        () = shared.shutdown.cancelled() => return Followed::Unreachable("shutting down".into()),
    };
    let mut stream = match submitted {
        Ok(response) => response.into_inner(),
        Err(status) => return refusal(shared, status),
    };
    let mut last: Option<Job> = None;
    loop {
        let message = tokio::select! {
            message = stream.message() => message,
            () = shared.shutdown.cancelled() => return Followed::Unreachable("shutting down".into()),
        };
        match message {
            Ok(Some(event)) => {
                if let Some(Event::Job(snapshot)) = event.event {
                    if job.stage < Stage::Submitted {
                        submitted_as(shared, job, &snapshot.id).await;
                    }
                    let done = client::is_terminal(snapshot.state);
                    last = Some(snapshot);
                    if done {
                        break;
                    }
                }
            }
            Ok(None) => break,
            Err(status) => return refusal(shared, status),
        }
    }
    match last {
        Some(snapshot) if client::is_terminal(snapshot.state) => {
            Followed::Ended(Box::new(snapshot))
        }
        _ => Followed::Unreachable("the job's stream ended before the job did".into()),
    }
}

/// Records the cluster's job id: from now on a restart finds this job by its key.
async fn submitted_as(shared: &Arc<Shared>, job: &mut VaultJob, cluster_job_id: &str) {
    job.cluster_job_id = Some(cluster_job_id.to_owned());
    job.stage = Stage::Submitted;
    let snapshot = job.clone();
    blocking(shared, move |shared| record(shared, &snapshot)).await;
    tracing::info!(vault_job = %job.id, job_id = %cluster_job_id, "vault: submitted");
    crash_if(shared.config.crash_after, CrashPoint::Submitted);
}

fn refusal(shared: &Shared, status: Status) -> Followed {
    if let Some(error) = shared.coordinator.unreachable(&status) {
        return Followed::Unreachable(error.to_string());
    }
    if status.get_details_precondition_failure().is_some() {
        return Followed::Rejected(status);
    }
    match status.code() {
        Code::Unavailable | Code::Cancelled | Code::DeadlineExceeded | Code::Aborted => {
            Followed::Unreachable(status.message().to_owned())
        }
        _ => Followed::Refused(status),
    }
}

fn facts_from(mut facts: ResultFacts, job: &Job) -> ResultFacts {
    let (outcome, reason) = match JobState::try_from(job.state) {
        Ok(JobState::Succeeded) => (Outcome::Succeeded, String::new()),
        Ok(JobState::Cancelled) => (Outcome::Cancelled, job.reason.clone()),
        Ok(JobState::Rejected) => (Outcome::Rejected, job.reason.clone()),
        _ => (Outcome::Failed, job.reason.clone()),
    };
    facts.cluster_job_id = Some(job.id.clone());
    facts.node = (!job.node.is_empty()).then(|| job.node.clone());
    if !job.served_model.is_empty() {
        facts.model = job.served_model.clone();
    }
    let usage = job.usage.as_ref();
    facts.input_tokens = usage.and_then(|usage| usage.input_tokens);
    facts.output_tokens = usage.and_then(|usage| usage.output_tokens);
    facts.duration_ms = job.timings.as_ref().and_then(|timings| timings.total_ms);
    facts.cost_usd = job.cost_usd;
    facts.started_ms = (job.started_at_ms > 0).then_some(job.started_at_ms);
    facts.answer = job.output.clone();
    let mut facts = ended(facts, outcome, reason);
    if job.finished_at_ms > 0 {
        facts.finished_ms = job.finished_at_ms;
    }
    facts
}
