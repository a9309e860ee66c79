//! The end of an active job — succeeded, failed, cancelled, or stopped with the coordinator:
//! its cost computed, its final record written and, once durable, published; its slot freed
//! for the next queued job.

use proto::v1::{FailureCause, Job, JobEvent, JobState, job_event};
use tokio::sync::oneshot;

use super::timings;
use crate::cluster::active_job::ActiveJob;
use crate::cluster::main_loop::Cluster;

impl Cluster {
    /// Ends an active job (see `end`) and returns its final record.
    pub(in crate::cluster) fn finish(
        &mut self,
        job_id: &str,
        state: JobState,
        cause: FailureCause,
        reason: String,
    ) -> Option<Job> {
        self.end(job_id, state, cause, reason)
            .then(|| self.recent.get(job_id).cloned())
            .flatten()
    }

    /// Ends an active job: record, tell watchers, free its slot and start the next queued one.
    /// The final record moves to the recent jobs. False when the job was not active.
    pub(in crate::cluster) fn end(
        &mut self,
        job_id: &str,
        state: JobState,
        cause: FailureCause,
        reason: String,
    ) -> bool {
        let Some(mut active) = self.jobs.remove(job_id) else {
            return false;
        };
        let (now, ended) = (self.clock.now_ms(), self.clock.now());
        active.job.state = state as i32;
        active.job.cause = cause as i32;
        active.job.reason = reason;
        active.job.finished_at_ms = now;
        timings(&mut active.job).total_ms = Some(active.millis_since_accepted(ended));
        self.charge(&mut active.job);
        if active.job.started_at_ms != 0 || active.job.usage.is_some() {
            let backend = self
                .node_index(&active.job.node)
                .map(|index| self.nodes[index].backend.as_str());
            active.spans.ran(&active.job, backend.unwrap_or_default());
        }
        active.spans.ended(&active.job);
        tracing::info!(parent: &active.spans.job, job_id, node = %active.job.node, state = ?state, reason = %active.job.reason, cost_usd = ?active.job.cost_usd, "job ended");
        let (durable, durable_receiver) = oneshot::channel();
        self.writer.write(active.job.clone(), Some(durable));
        crate::metrics::record_job_end(&active.job);
        publish_when_durable(&mut active, durable_receiver);
        if let Some(index) = self.node_index(&active.job.node) {
            let node = &mut self.nodes[index];
            node.queue.retain(|queued| queued != job_id);
            // A cancelled job keeps its slot until the agent says it stopped.
            if state != JobState::Cancelled || node.link.is_none() {
                node.running.remove(job_id);
            }
            self.fill_slots(index);
        }
        self.recent.remember(active.job);
        self.changed();
        true
    }

    pub(in crate::cluster) fn cancel_active(&mut self, job_id: &str) -> Option<Job> {
        let node = self.jobs.get(job_id)?.job.node.clone();
        if let Some(index) = self.node_index(&node)
            && self.nodes[index].running.contains(job_id)
        {
            self.tell_agent_to_cancel(index, job_id);
        }
        self.finish(
            job_id,
            JobState::Cancelled,
            FailureCause::Cancelled,
            "cancelled: by request".into(),
        )
    }

    /// Jobs still active when the coordinator stops end with a reason rather than vanish.
    pub(in crate::cluster) fn fail_active_jobs_at_shutdown(&mut self) {
        let ids: Vec<String> = self.jobs.keys().cloned().collect();
        for id in ids {
            self.finish(
                &id,
                JobState::Failed,
                FailureCause::CoordinatorStopped,
                "coordinator_stopped: the coordinator shut down while the job was active".into(),
            );
        }
    }
}

/// Tells the job's watchers of its end once the final record is on disk, so a client that saw
/// "succeeded" finds the record (and its usage) after a crash. The loop never waits on the
/// disk: a task waits, holding the watchers, so the end is the last event each one gets. When
/// the record cannot be written the coordinator is stopping; watchers still hear, so none hangs.
fn publish_when_durable(active: &mut ActiveJob, durable: oneshot::Receiver<Result<(), String>>) {
    let watchers = std::mem::take(&mut active.watchers);
    if watchers.is_empty() {
        return;
    }
    let event = JobEvent {
        event: Some(job_event::Event::Job(active.job.clone())),
    };
    let job_id = active.job.id.clone();
    tokio::spawn(async move {
        if let Ok(Err(error)) | Err(error) = durable
            .await
            .map_err(|_| "the job store writer stopped".to_owned())
        {
            tracing::warn!(job_id, %error, "a job's final record is not durable; telling its watchers anyway");
        }
        for watcher in watchers {
            // A watcher that hung up needs nothing.
            let _ = watcher.send(event.clone());
        }
    });
}
