//! What agents do to the cluster: attach, report status and job progress, go away or go
//! silent. A lost node's jobs end `node_lost` or, when the caller asked for retries, run again
//! on another eligible node for the same model — never on another model.

use std::time::Instant;

use proto::v1::{AgentHello, FailureCause, JobState, Welcome, agent_message};

use super::main_loop::Cluster;
use super::node::{NodeLink, Outbound};
use super::routing::{RouteDecision, route};
use crate::clock::now_ms;

/// How often agents must send a status (they send at once on change, too).
pub const HEARTBEAT_INTERVAL_MS: u32 = 1000;

impl Cluster {
    pub(super) fn attach(
        &mut self,
        hello: AgentHello,
        connection_id: u64,
        outbound: Outbound,
    ) -> Welcome {
        let welcome = Welcome {
            coordinator_version: env!("CARGO_PKG_VERSION").to_owned(),
            heartbeat_interval_ms: HEARTBEAT_INTERVAL_MS,
        };
        let Some(index) = self.node_index(&hello.node) else {
            // The gRPC service only attaches nodes from the config.
            return welcome;
        };
        if self.nodes[index].link.is_some() {
            self.node_lost(index, "the agent reconnected on a new stream");
        }
        // The welcome goes first on the stream, before any assignment can.
        let first = proto::v1::CoordinatorMessage {
            kind: Some(proto::v1::coordinator_message::Kind::Welcome(
                welcome.clone(),
            )),
        };
        let _ = outbound.send(Ok(first));
        let now = now_ms();
        tracing::info!(node = %hello.node, agent_version = %hello.agent_version, max_parallel = hello.max_parallel, "agent attached");
        crate::metrics::record_agent_attached(&hello.node);
        let node = &mut self.nodes[index];
        node.last_seen_ms = now;
        node.link = Some(NodeLink {
            connection_id,
            outbound,
            connected_at_ms: now,
            last_heard: Instant::now(),
            hello,
        });
        self.changed();
        welcome
    }

    pub(super) fn agent_message(
        &mut self,
        node: &str,
        connection_id: u64,
        message: agent_message::Kind,
    ) {
        let Some(index) = self.node_index(node) else {
            return;
        };
        let entry = &mut self.nodes[index];
        let Some(link) = entry
            .link
            .as_mut()
            .filter(|link| link.connection_id == connection_id)
        else {
            return; // from a stream that has been replaced or timed out
        };
        link.last_heard = Instant::now();
        entry.last_seen_ms = now_ms();
        match message {
            agent_message::Kind::Status(status) => {
                let changed = entry.status.as_ref().is_none_or(|previous| {
                    previous.ollama_reachable != status.ollama_reachable
                        || previous.installed != status.installed
                        || previous.loaded != status.loaded
                });
                if changed {
                    tracing::info!(
                        node,
                        ollama_reachable = status.ollama_reachable,
                        installed = status.installed.len(),
                        loaded = status.loaded.len(),
                        "node status changed"
                    );
                }
                entry.status = Some(status);
                if changed {
                    self.changed();
                }
            }
            agent_message::Kind::Job(update) => {
                if let Some(event) = update.event {
                    self.apply_job_update(index, update.job_id, event);
                }
            }
            agent_message::Kind::Hello(_) => {
                tracing::warn!(node, "agent sent a second hello; ignored");
            }
        }
    }

    pub(super) fn detach(&mut self, node: &str, connection_id: u64, reason: &str) {
        let Some(index) = self.node_index(node) else {
            return;
        };
        if self.nodes[index]
            .link
            .as_ref()
            .is_some_and(|link| link.connection_id == connection_id)
        {
            self.node_lost(index, reason);
        }
    }

    pub(super) fn check_heartbeats(&mut self) {
        let timeout = self.heartbeat_timeout;
        let silent: Vec<(usize, u64)> = self
            .nodes
            .iter()
            .enumerate()
            .filter_map(|(index, node)| {
                let link = node.link.as_ref()?;
                let silence = link.last_heard.elapsed();
                (silence > timeout).then_some((index, silence.as_secs()))
            })
            .collect();
        for (index, seconds) in silent {
            self.node_lost(index, &format!("no heartbeat for {seconds} s"));
        }
    }

    /// Makes the node unroutable at once: closes its stream (the agent will reconnect) and
    /// ends or re-routes every job it held.
    pub(super) fn node_lost(&mut self, index: usize, reason: &str) {
        let now = now_ms();
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
                now_ms(),
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
