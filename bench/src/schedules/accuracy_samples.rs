//! From what the coordinator recorded to latency samples: each schedule's firings in the
//! measured window (`GetSchedule`), each firing's job start (`GetJob`), and the same for the
//! bench's own timed submits; slots missing from the record and outcomes other than `started`
//! are counted, not dropped silently.

use std::collections::BTreeMap;
use std::time::Duration;

use anyhow::Context;
use harness::cluster::TestCluster;
use proto::v1::schedule_service_client::ScheduleServiceClient;
use proto::v1::{Firing, FiringOutcome, GetJobRequest, GetScheduleRequest};

use super::timed_submits::TimedSubmit;

/// The most recent firings `GetSchedule` gives.
const MAX_RECENT_FIRINGS: u32 = 500;

/// The measured window: slots at or after `from_ms` and before `until_ms`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlotWindow {
    pub from_ms: i64,
    pub until_ms: i64,
}

impl SlotWindow {
    pub fn contains(&self, slot_ms: i64) -> bool {
        (self.from_ms..self.until_ms).contains(&slot_ms)
    }

    /// Whole-second slots in the window, per schedule.
    pub fn slots(&self) -> usize {
        usize::try_from((self.until_ms - self.from_ms).max(0) / 1_000).unwrap_or(0)
    }
}

/// Per slot, what happened, in ms after the slot.
#[derive(Debug, Clone, Default)]
pub struct SlotSamples {
    /// Slot → recorded firing (the scheduler's `fired_at_ms`), or slot → submit (baseline).
    pub to_fired: Vec<Duration>,
    /// Slot → the job's `started_at_ms`.
    pub to_job_start: Vec<Duration>,
    /// Firings by outcome word (`STARTED`, `SKIPPED`, …).
    pub outcomes: BTreeMap<String, usize>,
    /// Jobs that had not started when they were read.
    pub jobs_not_started: usize,
    /// Slot → fired by schedule (the scheduler's only): a pass fires its schedules one after
    /// another, so a schedule's place in the config may show in its lateness.
    pub to_fired_by_schedule: BTreeMap<String, Vec<Duration>>,
}

/// `later_ms − slot_ms` as a duration; never negative (both are on this machine's clock).
pub fn after_slot(slot_ms: i64, later_ms: i64) -> Duration {
    Duration::from_millis(u64::try_from(later_ms - slot_ms).unwrap_or(0))
}

/// Every firing of `names` whose slot is in `window`.
pub async fn firings_in(
    cluster: &TestCluster,
    names: &[String],
    window: SlotWindow,
) -> anyhow::Result<Vec<Firing>> {
    let mut client = ScheduleServiceClient::connect(cluster.grpc_url()).await?;
    let mut firings = Vec::new();
    for name in names {
        let request = GetScheduleRequest {
            name: name.clone(),
            limit: MAX_RECENT_FIRINGS,
        };
        let schedule = client.get_schedule(request).await?.into_inner();
        firings.extend(
            schedule
                .recent_firings
                .into_iter()
                .filter(|firing| window.contains(firing.scheduled_at_ms)),
        );
    }
    Ok(firings)
}

/// Samples of the scheduler's firings; jobs read through `GetJob`.
pub async fn firing_samples(
    cluster: &TestCluster,
    firings: &[Firing],
) -> anyhow::Result<SlotSamples> {
    let mut samples = SlotSamples::default();
    let mut jobs = Vec::new();
    for firing in firings {
        let outcome = FiringOutcome::try_from(firing.outcome)
            .map_or("UNKNOWN", |outcome| outcome.as_str_name())
            .trim_start_matches("FIRING_OUTCOME_")
            .to_owned();
        *samples.outcomes.entry(outcome).or_default() += 1;
        if let Some(fired_at_ms) = firing.fired_at_ms {
            let late = after_slot(firing.scheduled_at_ms, fired_at_ms);
            samples.to_fired.push(late);
            let by_schedule = samples.to_fired_by_schedule.entry(firing.schedule.clone());
            by_schedule.or_default().push(late);
        }
        if !firing.job_id.is_empty() {
            jobs.push((firing.scheduled_at_ms, firing.job_id.clone()));
        }
    }
    add_job_starts(cluster, &jobs, &mut samples).await?;
    Ok(samples)
}

/// Samples of the bench's own submits in `window`.
pub async fn baseline_samples(
    cluster: &TestCluster,
    submits: &[TimedSubmit],
    window: SlotWindow,
) -> anyhow::Result<SlotSamples> {
    let mut samples = SlotSamples::default();
    let mut jobs = Vec::new();
    for submit in submits
        .iter()
        .filter(|s| window.contains(s.scheduled_at_ms))
    {
        samples
            .to_fired
            .push(after_slot(submit.scheduled_at_ms, submit.submitted_at_ms));
        jobs.push((submit.scheduled_at_ms, submit.job_id.clone()));
    }
    *samples.outcomes.entry("STARTED".to_owned()).or_default() += jobs.len();
    add_job_starts(cluster, &jobs, &mut samples).await?;
    Ok(samples)
}

async fn add_job_starts(
    cluster: &TestCluster,
    jobs: &[(i64, String)],
    samples: &mut SlotSamples,
) -> anyhow::Result<()> {
    let mut client = cluster.jobs_client().await?;
    for (slot_ms, id) in jobs {
        let request = GetJobRequest { id: id.clone() };
        let job = client
            .get_job(request)
            .await
            .with_context(|| format!("GetJob {id}"))?
            .into_inner();
        if job.started_at_ms > 0 {
            samples
                .to_job_start
                .push(after_slot(*slot_ms, job.started_at_ms));
        } else {
            samples.jobs_not_started += 1;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
