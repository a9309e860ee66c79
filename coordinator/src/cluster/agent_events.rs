//! What agents do to the cluster: attach, report status and job progress, go away. Going
//! silent and what happens to a lost node's jobs is `node_loss`.

mod node_loss;

use proto::v1::{AgentHello, Welcome, agent_message};

use super::main_loop::Cluster;
use super::node::{NodeLink, Outbound};

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
        let now = self.clock.now_ms();
        let heard = self.clock.now();
        tracing::info!(node = %hello.node, agent_version = %hello.agent_version, backend = %hello.backend, max_parallel = hello.max_parallel, "agent attached");
        crate::metrics::record_agent_attached(&hello.node);
        let node = &mut self.nodes[index];
        node.last_seen_ms = now;
        node.max_parallel = hello.max_parallel.max(1) as usize;
        node.backend = if hello.backend.is_empty() {
            "ollama".to_owned()
        } else {
            hello.backend.clone()
        };
        node.link = Some(NodeLink {
            connection_id,
            outbound,
            connected_at_ms: now,
            last_heard: heard,
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
}
