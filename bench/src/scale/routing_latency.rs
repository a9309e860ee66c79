//! Routing under load: sequential `SubmitJob` calls, timed from just before the call until its
//! answer — accepted (a model every simulated agent has; the job is then followed with
//! `WatchJob` to its end, so the agents' answers travel back too) and rejected (a model nobody
//! has, so every node is asked and answers why not).

use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use harness::cluster::{generate_spec, is_terminal};
use proto::v1::job_service_client::JobServiceClient;
use proto::v1::{JobState, SubmitJobRequest, WatchJobRequest, job_event};
use tonic::transport::Channel;

use super::payload::{ABSENT_MODEL, SHARED_MODEL};
use crate::percentiles::LatencySummary;

/// No job of the benchmark should come near this; it bounds a wedged one.
const JOB_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Debug, Clone)]
pub struct RoutingFigures {
    /// `SubmitJob` answered with an accepted job (its record durable).
    pub accepted: LatencySummary,
    /// From before `SubmitJob` until `WatchJob` showed the job succeeded.
    pub completed: LatencySummary,
    /// `SubmitJob` answered with a rejection.
    pub rejected: LatencySummary,
    /// How many per-node reasons the last rejection carried.
    pub rejection_reasons: usize,
}

pub async fn measure_routing(
    client: &mut JobServiceClient<Channel>,
    requests: usize,
) -> anyhow::Result<RoutingFigures> {
    let mut accepted = Vec::with_capacity(requests);
    let mut completed = Vec::with_capacity(requests);
    for _ in 0..requests {
        let (accept, done) = tokio::time::timeout(JOB_TIMEOUT, accepted_job(client))
            .await
            .with_context(|| format!("a job did not end within {JOB_TIMEOUT:?}"))??;
        accepted.push(accept);
        completed.push(done);
    }
    let mut rejected = Vec::with_capacity(requests);
    let mut rejection_reasons = 0;
    for _ in 0..requests {
        let started = Instant::now();
        let answer = client
            .submit_job(SubmitJobRequest {
                spec: Some(generate_spec(ABSENT_MODEL, "hello")),
            })
            .await;
        rejected.push(started.elapsed());
        match answer {
            Ok(_) => bail!("a job for {ABSENT_MODEL}, which no agent has, was accepted"),
            Err(status) if status.code() == tonic::Code::FailedPrecondition => {
                rejection_reasons = reasons_in(&status);
            }
            Err(status) => bail!("the rejection failed otherwise: {status}"),
        }
    }
    let summary = |samples: &[Duration]| {
        LatencySummary::from_samples(samples).context("no routing requests were made")
    };
    Ok(RoutingFigures {
        accepted: summary(&accepted)?,
        completed: summary(&completed)?,
        rejected: summary(&rejected)?,
        rejection_reasons,
    })
}

fn reasons_in(status: &tonic::Status) -> usize {
    use tonic_types::StatusExt;
    status
        .get_details_precondition_failure()
        .map_or(0, |failure| failure.violations.len())
}

/// (SubmitJob answered, job succeeded), both from just before the submit.
async fn accepted_job(
    client: &mut JobServiceClient<Channel>,
) -> anyhow::Result<(Duration, Duration)> {
    let started = Instant::now();
    let job = client
        .submit_job(SubmitJobRequest {
            spec: Some(generate_spec(SHARED_MODEL, "hello")),
        })
        .await
        .with_context(|| format!("a job for {SHARED_MODEL} was refused"))?
        .into_inner()
        .job
        .context("submit answered without a job")?;
    let accepted = started.elapsed();
    let mut events = client
        .watch_job(WatchJobRequest { id: job.id.clone() })
        .await
        .context("WatchJob failed")?
        .into_inner();
    while let Some(event) = events.message().await.context("the job's stream failed")? {
        if let Some(job_event::Event::Job(job)) = event.event
            && is_terminal(&job)
        {
            if job.state != JobState::Succeeded as i32 {
                bail!("job {} ended {:?}: {}", job.id, job.state, job.reason);
            }
            return Ok((accepted, started.elapsed()));
        }
    }
    bail!("the watch of job {} ended before the job did", job.id)
}
