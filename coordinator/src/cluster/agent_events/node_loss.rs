//! A node whose link dropped. Silence or a broken connection first makes it `disconnected`:
//! unroutable at once, its running jobs held for `disconnect_grace` in case its agent (which
//! keeps running them) re-attaches; its queued jobs go to another eligible node or wait. When
//! the grace ends, or the agent said goodbye, the node is lost: each job it held ends
//! `node_lost` or, when the caller asked for retries (a running job) or it had not started,
//! runs again on another eligible node for the same model — never another model.

use proto::v1::{FailureCause, JobState};

use crate::cluster::main_loop::Cluster;
use crate::cluster::node::Disconnected;
use crate::cluster::routing::{RouteDecision, route};

impl Cluster {
    pub(in crate::cluster) fn check_heartbeats(&mut self) {
        let timeout = self.heartbeat_timeout;
        let now = self.clock.now();
        let mut silent = Vec::new();
        let mut past_grace = Vec::new();
        for (index, node) in self.nodes.iter().enumerate() {
            if let Some(link) = &node.link {
                let silence = now.saturating_duration_since(link.last_heard);
                if silence > timeout {
                    silent.push((index, silence.as_secs()));
                }
            } else if node
                .disconnected
                .is_some_and(|disconnected| now >= disconnected.grace_ends)
            {
                past_grace.push(index);
            }
        }
        for (index, seconds) in silent {
            self.link_dropped(index, &format!("no heartbeat for {seconds} s"));
        }
        for index in past_grace {
            let reason = format!(
                "{}; not back within disconnect_grace ({} s)",
                self.nodes[index].down_reason,
                self.disconnect_grace.as_secs_f64()
            );
            self.node_lost(index, &reason);
        }
    }

    /// The node's link broke or went silent while its agent may still be running its jobs:
    /// the node takes no new job, its running jobs wait for the agent to re-attach within the
    /// grace, its queued ones go elsewhere if they can. Without a grace, it is lost at once.
    pub(in crate::cluster) fn link_dropped(&mut self, index: usize, reason: &str) {
        if self.disconnect_grace.is_zero() {
            return self.node_lost(index, reason);
        }
        let (now_ms, now) = (self.clock.now_ms(), self.clock.now());
        let grace = self.disconnect_grace;
        let node = &mut self.nodes[index];
        // Dropping the link drops the stream's sender, which ends the agent's stream.
        node.link = None;
        node.down_since_ms = now_ms;
        node.down_reason = reason.to_owned();
        node.disconnected = Some(Disconnected {
            grace_ends: now + grace,
            grace_ends_ms: now_ms + i64::try_from(grace.as_millis()).unwrap_or(i64::MAX),
        });
        let queued: Vec<String> = node.queue.drain(..).collect();
        let name = node.name.clone();
        tracing::warn!(node = %name, reason, running = node.running.len(), queued = queued.len(),
            grace_s = grace.as_secs_f64(), "node disconnected; its running jobs are held for its agent to re-attach");
        for job_id in queued {
            let why = format!("{name}: disconnected: {reason}");
            if !self.reroute(&job_id, &why) {
                self.nodes[index].queue.push_back(job_id);
            }
        }
        self.changed();
    }

    /// Declares the node lost: it stays unroutable until its agent attaches again, and every
    /// job it held ends or runs again elsewhere.
    pub(in crate::cluster) fn node_lost(&mut self, index: usize, reason: &str) {
        let now = self.clock.now_ms();
        let node = &mut self.nodes[index];
        node.link = None;
        // A node lost after its grace has been down since it disconnected.
        if node.disconnected.take().is_none() {
            node.down_since_ms = now;
        }
        node.down_reason = reason.to_owned();
        let name = node.name.clone();
        let running: Vec<String> = node.running.drain().collect();
        let queued: Vec<String> = node.queue.drain(..).collect();
        tracing::warn!(node = %name, reason, running = running.len(), queued = queued.len(), "node lost");
        for job_id in running {
            let why = format!("node_lost: {name}: {reason}");
            self.lose_job(&job_id, &why);
        }
        for job_id in queued {
            let why = format!("node_lost: {name}: {reason} (while the job was queued)");
            self.reroute_or_fail(&job_id, true, why);
        }
        self.changed();
    }

    /// A job that held a slot on a node that no longer runs it: one that had started runs
    /// again only while the caller's retries last (each costs one); one whose assignment never
    /// started there is simply placed again.
    pub(in crate::cluster) fn lose_job(&mut self, job_id: &str, why: &str) {
        let Some(active) = self.jobs.get_mut(job_id) else {
            return;
        };
        let (retry, when) = if active.state() == JobState::Running {
            let allowed = active.retries_left > 0;
            if allowed {
                active.retries_left -= 1;
            }
            (allowed, "while the job was running")
        } else {
            (true, "before the job started")
        };
        self.reroute_or_fail(job_id, retry, format!("{why} ({when})"));
    }

    /// Runs the job again on another eligible node for the same model, or ends it `failed`.
    fn reroute_or_fail(&mut self, job_id: &str, may_reroute: bool, reason: String) {
        if may_reroute && self.reroute(job_id, &reason) {
            return;
        }
        self.finish(job_id, JobState::Failed, FailureCause::NodeLost, reason);
    }

    /// Moves the job to an eligible node for its model (a new attempt if it had started);
    /// false when there is none.
    fn reroute(&mut self, job_id: &str, reason: &str) -> bool {
        let Some(model) = self
            .jobs
            .get(job_id)
            .and_then(|active| active.job.spec.as_ref())
            .map(|spec| spec.model.clone())
        else {
            return false;
        };
        let RouteDecision::Node(index) = route(
            &self.nodes,
            &self.routes,
            &model,
            self.queue_capacity,
            self.clock.now_ms(),
        ) else {
            return false;
        };
        let node = self.nodes[index].name.clone();
        if let Some(active) = self.jobs.get_mut(job_id) {
            let was_running = active.state() == JobState::Running;
            active.job.node = node.clone();
            active.job.state = JobState::Queued as i32;
            active.job.output.clear();
            active.first_token = None;
            active.applied_seq = 0;
            if was_running {
                active.job.attempt += 1;
            }
            active.spans.attempt_lost(reason);
            tracing::info!(parent: &active.spans.job, job_id, node = %node, attempt = active.job.attempt, %reason, "job re-routed");
            active.publish_job();
            self.writer.write(active.job.clone(), None);
        }
        self.place(index, job_id.to_owned());
        true
    }
}
