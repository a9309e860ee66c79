//! Which jobs each node holds, so that a loss alert can name the jobs that failed with the node
//! and those re-routed to another (a re-routed job no longer names the lost node, so the job
//! history alone cannot tell). Refreshed from `ListJobs` when a node's job counts change;
//! frozen while the node is down.

use std::collections::HashMap;

use proto::v1::{ClusterSnapshot, FailureCause, JobState};

use super::job_lookup::{JobLookup, is_active};
use crate::detector::AffectedJobs;

/// Failed jobs finished this long before the loss was first seen still count as failed with
/// it: the coordinator fails them just before its snapshot shows the node down.
const LOSS_SLACK_MS: i64 = 5_000;

#[derive(Debug, Default)]
pub struct JobsOnNodes {
    counts: HashMap<String, (u32, u32)>,
    job_ids: HashMap<String, Vec<String>>,
}

impl JobsOnNodes {
    pub async fn refresh(&mut self, snapshot: &ClusterSnapshot, lookup: &impl JobLookup) {
        for node in &snapshot.nodes {
            if client::words::agent_away(node) {
                continue; // keep what it held when it went down
            }
            let counts = (node.running, node.queued);
            if self.counts.get(&node.name) == Some(&counts) {
                continue;
            }
            self.counts.insert(node.name.clone(), counts);
            if counts == (0, 0) {
                self.job_ids.remove(&node.name);
                continue;
            }
            match lookup.active_jobs_on(&node.name).await {
                Ok(jobs) => {
                    let ids = jobs.into_iter().map(|job| job.id).collect();
                    self.job_ids.insert(node.name.clone(), ids);
                }
                Err(status) => {
                    // Try again on the next snapshot.
                    self.counts.remove(&node.name);
                    tracing::warn!(node = %node.name, code = ?status.code(), message = status.message(), "alerts: cannot list the node's jobs");
                }
            }
        }
    }

    /// The jobs `node` held, as they are now: failed with it or re-routed elsewhere.
    pub async fn affected_by_loss(
        &mut self,
        node: &str,
        since_ms: i64,
        lookup: &impl JobLookup,
    ) -> AffectedJobs {
        let mut affected = AffectedJobs::default();
        match lookup.failed_jobs(Some(node)).await {
            Ok(jobs) => affected.failed.extend(jobs.into_iter().filter(|job| {
                job.cause == FailureCause::NodeLost as i32
                    && job.node == node
                    && job.finished_at_ms >= since_ms - LOSS_SLACK_MS
            })),
            Err(status) => {
                tracing::warn!(node, code = ?status.code(), message = status.message(), "alerts: cannot list the lost node's failed jobs; the alert goes without them");
            }
        }
        for id in self.job_ids.remove(node).unwrap_or_default() {
            let job = match lookup.job(&id).await {
                Ok(job) => job,
                Err(status) => {
                    tracing::warn!(node, job_id = %id, code = ?status.code(), "alerts: cannot read a job the lost node held");
                    continue;
                }
            };
            if affected.failed.iter().any(|failed| failed.id == job.id) {
                continue;
            }
            if job.node != node {
                affected.rerouted.push(job);
            } else if job.state == JobState::Failed as i32 {
                affected.failed.push(job);
            } else if is_active(&job) {
                tracing::warn!(node, job_id = %id, "alerts: a job of the lost node still shows on it");
            }
        }
        self.counts.remove(node);
        affected
    }
}
