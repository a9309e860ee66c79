//! The end of an active job — succeeded, failed, cancelled, or stopped with the coordinator:
//! its final record is written and published, its slot freed for the next queued job.

use proto::v1::{FailureCause, Job, JobState};

use super::timings;
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
        active.spans.ended(&active.job);
        tracing::info!(parent: &active.spans.job, job_id, node = %active.job.node, state = ?state, reason = %active.job.reason, "job ended");
        self.writer.write(active.job.clone(), None);
        crate::metrics::record_job_end(&active.job);
        active.publish_job();
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
