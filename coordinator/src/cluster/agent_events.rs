//! What agents do to the cluster: attach, report status and job progress, go away. Going
//! silent and what happens to a lost node's jobs is `node_loss`.

mod node_loss;

use std::collections::HashSet;

use proto::v1::{AgentHello, HeldJob, ResumedJob, Welcome, agent_message};

use super::main_loop::Cluster;
use super::node::{NodeLink, Outbound};

/// How often agents must send a status (they send at once on change, too).
pub const HEARTBEAT_INTERVAL_MS: u32 = 1000;

impl Cluster {
    /// Welcomes an agent. An agent back from a flap names the jobs it still holds: those this
    /// node still runs resume (the welcome says what was applied of each, and the agent resends
    /// the rest); a job the node ran that the agent no longer holds (it restarted, or the
    /// assignment was lost in flight) is lost and runs again or fails per its retries.
    pub(super) fn attach(
        &mut self,
        hello: AgentHello,
        connection_id: u64,
        outbound: Outbound,
    ) -> Welcome {
        let mut welcome = Welcome {
            coordinator_version: env!("CARGO_PKG_VERSION").to_owned(),
            heartbeat_interval_ms: HEARTBEAT_INTERVAL_MS,
            resume: Vec::new(),
            keeps_unchanged_installed: true,
        };
        let Some(index) = self.node_index(&hello.node) else {
            // The gRPC service only attaches nodes from the config.
            return welcome;
        };
        let slots = hello.max_parallel.max(1) as usize;
        let (resume, gone) = self.held_jobs(index, &hello.held_jobs, slots);
        welcome.resume = resume;
        // The welcome goes first on the stream, before any assignment can.
        let first = proto::v1::CoordinatorMessage {
            kind: Some(proto::v1::coordinator_message::Kind::Welcome(
                welcome.clone(),
            )),
        };
        let _ = outbound.send(Ok(first));
        let now = self.clock.now_ms();
        let heard = self.clock.now();
        let node = &mut self.nodes[index];
        let was = match (&node.link, node.disconnected) {
            (Some(_), _) => "attached on a new stream, replacing the old one",
            (None, Some(_)) => "re-attached within its disconnect grace",
            (None, None) => "attached",
        };
        tracing::info!(node = %hello.node, agent_version = %hello.agent_version, backend = %hello.backend,
            max_parallel = hello.max_parallel, resumed_jobs = welcome.resume.len(), lost_jobs = gone.len(), "agent {was}");
        crate::metrics::record_agent_attached(&hello.node);
        node.last_seen_ms = now;
        node.disconnected = None;
        node.max_parallel = slots;
        node.backend = if hello.backend.is_empty() {
            "ollama".to_owned()
        } else {
            hello.backend.clone()
        };
        // Replacing a link drops the old stream's sender, which ends that stream.
        node.link = Some(NodeLink {
            connection_id,
            outbound,
            connected_at_ms: now,
            last_heard: heard,
            hello,
        });
        let name = node.name.clone();
        for (job_id, why) in gone {
            self.lose_job(&job_id, &format!("node_lost: {name}: {why}"));
        }
        self.fill_slots(index);
        self.changed();
        welcome
    }

    /// Sorts the jobs holding a slot on node `index` by what its agent says it `held`: those
    /// to resume (with what was applied of each), at most its `slots` (the oldest jobs first:
    /// ids grow with time), and those it no longer has or has no slot for now, each with why.
    /// A slot whose job has already ended (cancelled while the node was away) is freed. The
    /// agent aborts what it is not told to resume.
    fn held_jobs(
        &mut self,
        index: usize,
        held: &[HeldJob],
        slots: usize,
    ) -> (Vec<ResumedJob>, Vec<(String, &'static str)>) {
        let held: HashSet<&str> = held.iter().map(|job| job.job_id.as_str()).collect();
        let node = &mut self.nodes[index];
        node.running.retain(|job_id| self.jobs.contains_key(job_id));
        let mut running: Vec<String> = node.running.drain().collect();
        running.sort_unstable();
        let (mut resume, mut gone) = (Vec::new(), Vec::new());
        for job_id in running {
            if !held.contains(job_id.as_str()) {
                // Out of its slot: it is placed again, or ends.
                gone.push((job_id, "its agent came back without the job"));
            } else if resume.len() == slots {
                gone.push((job_id, "its agent came back with fewer slots"));
            } else {
                resume.push(ResumedJob {
                    applied_seq: self.jobs.get(&job_id).map_or(0, |job| job.applied_seq),
                    job_id: job_id.clone(),
                });
                node.running.insert(job_id);
            }
        }
        (resume, gone)
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
        let (heard, heard_ms) = (self.clock.now(), self.clock.now_ms());
        let entry = &mut self.nodes[index];
        let Some(link) = entry
            .link
            .as_mut()
            .filter(|link| link.connection_id == connection_id)
        else {
            return; // from a stream that has been replaced or timed out
        };
        link.last_heard = heard;
        entry.last_seen_ms = heard_ms;
        match message {
            agent_message::Kind::Status(status) => self.store_status(index, status, heard_ms),
            agent_message::Kind::Job(update) => {
                if let Some(event) = update.event {
                    self.apply_job_update(index, update.job_id, update.seq, event);
                }
            }
            agent_message::Kind::Hello(_) => {
                tracing::warn!(node, "agent sent a second hello; ignored");
            }
        }
    }

    /// The agent's stream ended: after its goodbye (`goodbye`: it ended its jobs first and is
    /// shutting down) the node is lost at once; a broken connection leaves it disconnected.
    pub(super) fn detach(&mut self, node: &str, connection_id: u64, reason: &str, goodbye: bool) {
        let Some(index) = self.node_index(node) else {
            return;
        };
        if self.nodes[index]
            .link
            .as_ref()
            .is_some_and(|link| link.connection_id == connection_id)
        {
            if goodbye {
                self.node_lost(index, reason);
            } else {
                self.link_dropped(index, reason);
            }
        }
    }
}
