//! A node that went silent or whose stream closed: it becomes unroutable at once, and each
//! job it held ends `node_lost` or, when the caller asked for retries (a running job) or it was
//! only queued, runs again on another eligible node for the same model — never another model.

use proto::v1::{FailureCause, JobState};

use crate::cluster::main_loop::Cluster;
use crate::cluster::routing::{RouteDecision, route};

impl Cluster {
    pub(in crate::cluster) fn check_heartbeats(&mut self) {
        let timeout = self.heartbeat_timeout;
        let now = self.clock.now();
        let silent: Vec<(usize, u64)> = self
            .nodes
            .iter()
            .enumerate()
            .filter_map(|(index, node)| {
                let link = node.link.as_ref()?;
                let silence = now.saturating_duration_since(link.last_heard);
                (silence > timeout).then_some((index, silence.as_secs()))
            })
            .collect();
        for (index, seconds) in silent {
            self.node_lost(index, &format!("no heartbeat for {seconds} s"));
        }
    }

    /// Makes the node unroutable at once: closes its stream (the agent will reconnect) and
    /// ends or re-routes every job it held.
    pub(in crate::cluster) fn node_lost(&mut self, index: usize, reason: &str) {
        let now = self.clock.now_ms();
        let node = &mut self.nodes[index];
        // Dropping the link drops the stream's sender, which ends the agent's stream.
        node.link = None;
        node.down_since_ms = now;
        node.down_reason = reason.to_owned();
        let name = node.name.clone();
        let running: Vec<String> = node.running.drain().collect();
        let queued: Vec<String> = node.queue.drain(..).collect();
        tracing::warn!(node = %name, reason, running = running.len(), queued = queued.len(), "node lost");
        for job_id in running {
            let retry = self.jobs.get_mut(&job_id).is_some_and(|active| {
                let allowed = active.retries_left > 0;
                if allowed {
                    active.retries_left -= 1;
                }
                allowed
            });
            let why = format!("node_lost: {name}: {reason} (while the job was running)");
            self.reroute_or_fail(&job_id, retry, why);
        }
        for job_id in queued {
            let why = format!("node_lost: {name}: {reason} (while the job was queued)");
            self.reroute_or_fail(&job_id, true, why);
        }
        self.changed();
    }

    /// Runs the job again on another eligible node for the same model, or ends it `failed`.
    fn reroute_or_fail(&mut self, job_id: &str, may_reroute: bool, reason: String) {
        let Some(model) = self
            .jobs
            .get(job_id)
            .and_then(|active| active.job.spec.as_ref())
            .map(|spec| spec.model.clone())
        else {
            return;
        };
        if may_reroute
            && let RouteDecision::Node(index) = route(
                &self.nodes,
                &self.routes,
                &model,
                self.queue_capacity,
                self.clock.now_ms(),
            )
        {
            let node = self.nodes[index].name.clone();
            if let Some(active) = self.jobs.get_mut(job_id) {
                let was_running = active.state() == JobState::Running;
                active.job.node = node.clone();
                active.job.state = JobState::Queued as i32;
                active.job.output.clear();
                active.first_token = None;
                if was_running {
                    active.job.attempt += 1;
                }
                active.spans.attempt_lost(&reason);
                tracing::info!(parent: &active.spans.job, job_id, node = %node, attempt = active.job.attempt, %reason, "job re-routed");
                active.publish_job();
                self.writer.write(active.job.clone(), None);
            }
            self.place(index, job_id.to_owned());
            return;
        }
        self.finish(job_id, JobState::Failed, FailureCause::NodeLost, reason);
    }
}
