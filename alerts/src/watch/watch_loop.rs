//! The alerter's one decision loop: takes snapshots, fires `alert_after` timers, polls failed
//! jobs when asked to, and records what it found — alerts plus its own memory, in one outbox
//! transaction — before waking the sender.

use std::sync::Arc;
use std::time::Duration;

use proto::v1::ClusterSnapshot;
use tokio::sync::{Notify, mpsc};
use tokio_util::sync::CancellationToken;

use super::job_lookup::JobLookup;
use super::jobs_on_nodes::JobsOnNodes;
use crate::alert::Alert;
use crate::compose::compose;
use crate::counters::AlertCounters;
use crate::detector::{Detector, Finding};
use crate::outbox::{AlertStore, on_store};
use crate::time_text::Clock;

/// How often failed jobs are looked for (with `job_failures = true`).
pub const JOB_FAILURE_POLL: Duration = Duration::from_secs(2);
const STORE_RETRY: Duration = Duration::from_secs(1);

pub struct WatchLoop<J: JobLookup> {
    pub detector: Detector,
    pub jobs: J,
    pub store: Arc<dyn AlertStore>,
    pub wake_sender: Arc<Notify>,
    pub counters: Arc<AlertCounters>,
    pub clock: Clock,
    pub job_failures: bool,
}

impl<J: JobLookup> WatchLoop<J> {
    pub async fn run(
        mut self,
        mut snapshots: mpsc::Receiver<ClusterSnapshot>,
        shutdown: CancellationToken,
    ) {
        let mut jobs_on_nodes = JobsOnNodes::default();
        let mut saved_memory = self.detector.memory().to_json();
        let mut job_poll = tokio::time::interval(JOB_FAILURE_POLL);
        job_poll.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            let deadline = self.detector.next_deadline();
            let until_deadline = deadline.map(|at| self.clock.until(at)).unwrap_or_default();
            let findings = tokio::select! {
                () = shutdown.cancelled() => break,
                received = snapshots.recv() => {
                    let Some(snapshot) = received else { break };
                    jobs_on_nodes.refresh(&snapshot, &self.jobs).await;
                    let now = self.clock.now_ms();
                    let mut findings = self.detector.observe(snapshot, now);
                    findings.extend(self.detector.due(now));
                    findings
                }
                () = tokio::time::sleep(until_deadline), if deadline.is_some() => {
                    self.detector.due(self.clock.now_ms())
                }
                _ = job_poll.tick(), if self.job_failures => self.failed_jobs().await,
            };
            let mut alerts: Vec<Alert> = Vec::with_capacity(findings.len());
            for mut finding in findings {
                if let Finding::NodeLost {
                    node,
                    since_ms,
                    jobs,
                    ..
                } = &mut finding
                {
                    *jobs = jobs_on_nodes
                        .affected_by_loss(node, *since_ms, &self.jobs)
                        .await;
                }
                alerts.push(compose(&finding));
            }
            let memory = self.detector.memory().to_json();
            if alerts.is_empty() && memory == saved_memory {
                continue;
            }
            if !self.record(alerts, memory.clone(), &shutdown).await {
                break;
            }
            saved_memory = memory;
        }
    }

    /// Writes the alerts and the memory in one transaction, retrying until it works: an alert
    /// must not be lost to a passing disk problem. False when shutdown came first.
    async fn record(
        &self,
        alerts: Vec<Alert>,
        memory: String,
        shutdown: &CancellationToken,
    ) -> bool {
        let alerts = Arc::new(alerts);
        let memory = Arc::new(memory);
        loop {
            let now = self.clock.now_ms();
            let (batch, state) = (alerts.clone(), memory.clone());
            match on_store(&self.store, move |store| {
                store.record(&batch, Some(&state), now)
            })
            .await
            {
                Ok(entries) => {
                    for entry in &entries {
                        tracing::info!(alert_id = entry.id, kind = ?entry.alert.kind, node = entry.alert.node.as_deref().unwrap_or(""), title = %entry.alert.title, "alert raised");
                    }
                    if !entries.is_empty() {
                        self.counters.add_raised(entries.len() as u64);
                        self.wake_sender.notify_one();
                    }
                    return true;
                }
                Err(error) => {
                    tracing::error!(%error, alerts = alerts.len(), "alerts: cannot record in the outbox; retrying");
                    tokio::select! {
                        () = shutdown.cancelled() => return false,
                        () = tokio::time::sleep(STORE_RETRY) => {}
                    }
                }
            }
        }
    }

    /// Failed jobs that finished since the last look, as one finding. The first look only
    /// sets the mark: history from before alerting was on is not news.
    async fn failed_jobs(&mut self) -> Vec<Finding> {
        let now = self.clock.now_ms();
        let Some(seen_until) = self.detector.memory().job_failures_seen_until_ms else {
            self.detector.memory_mut().job_failures_seen_until_ms = Some(now);
            return Vec::new();
        };
        let mut jobs = match self.jobs.failed_jobs(None).await {
            Ok(jobs) => jobs,
            Err(status) => {
                tracing::warn!(code = ?status.code(), message = status.message(), "alerts: cannot list failed jobs");
                return Vec::new();
            }
        };
        jobs.retain(|job| job.finished_at_ms > seen_until);
        if jobs.is_empty() {
            return Vec::new();
        }
        jobs.sort_by_key(|job| job.finished_at_ms);
        let newest = jobs
            .iter()
            .map(|job| job.finished_at_ms)
            .max()
            .unwrap_or(seen_until);
        self.detector.memory_mut().job_failures_seen_until_ms = Some(newest);
        vec![Finding::JobsFailed { jobs }]
    }
}
