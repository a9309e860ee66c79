//! The cluster loop: the one place where cluster decisions are made. It owns the nodes and
//! the active jobs, handles one `ClusterEvent` at a time, and checks heartbeats on a tick.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{mpsc, watch};
use tokio_util::sync::CancellationToken;

use super::active_job::ActiveJob;
use super::events::ClusterEvent;
use super::idempotency_keys::IdempotencyKeys;
use super::job_spend::JobSpend;
use super::node::NodeEntry;
use super::recent_jobs::RecentJobs;
use super::stored_status::SharedModels;
use crate::clock::Clock;
use crate::config::CoordinatorConfig;
use crate::job_id::JobIdGenerator;
use crate::store::{JobStore, StoreWriter};

/// How often silent agents are looked for.
const HEARTBEAT_CHECK_INTERVAL: Duration = Duration::from_millis(100);

pub struct Cluster {
    pub(super) nodes: Vec<NodeEntry>,
    /// Node name -> index into `nodes`; nodes come from the config and never change, and every
    /// agent message looks its node up, so this must not be a linear search.
    node_indices: HashMap<String, usize>,
    pub(super) routes: BTreeMap<String, Vec<String>>,
    pub(super) queue_capacity: usize,
    pub(super) heartbeat_timeout: Duration,
    pub(super) disconnect_grace: Duration,
    pub(super) jobs: HashMap<String, ActiveJob>,
    pub(super) recent: RecentJobs,
    /// Idempotency key -> job id for the keys this process submitted (the store's index may
    /// lag behind by a commit).
    pub(super) idempotency_keys: IdempotencyKeys,
    pub(super) store: Arc<dyn JobStore>,
    pub(super) writer: StoreWriter,
    pub(super) ids: JobIdGenerator,
    pub(super) changes: watch::Sender<u64>,
    pub(super) draining_file: std::path::PathBuf,
    /// Every reading of the time in the loop comes from here (tests advance it by hand).
    pub(super) clock: Arc<dyn Clock>,
    /// Prices and budgets: what jobs cost and what is left to spend.
    pub(super) spend: JobSpend,
    /// The installed-model records the nodes' statuses share (`stored_status`).
    pub(super) shared_models: SharedModels,
    events: mpsc::UnboundedReceiver<ClusterEvent>,
}

impl Cluster {
    pub(super) fn new(
        config: &CoordinatorConfig,
        store: Arc<dyn JobStore>,
        writer: StoreWriter,
        clock: Arc<dyn Clock>,
        events: mpsc::UnboundedReceiver<ClusterEvent>,
        changes: watch::Sender<u64>,
    ) -> Self {
        let nodes: Vec<NodeEntry> = config
            .nodes
            .iter()
            .map(|node| NodeEntry::new(node.name.clone(), node.labels.clone()))
            .collect();
        let now_ms = clock.now_ms();
        let check_models_at_ms = now_ms + config.heartbeat_timeout.as_millis() as i64;
        Self {
            spend: JobSpend::new(&config.spend, now_ms, check_models_at_ms),
            node_indices: index_by_name(&nodes),
            nodes,
            routes: config.routes.clone(),
            queue_capacity: config.queue_capacity,
            heartbeat_timeout: config.heartbeat_timeout,
            disconnect_grace: config.disconnect_grace,
            jobs: HashMap::new(),
            recent: RecentJobs::default(),
            idempotency_keys: IdempotencyKeys::default(),
            store,
            writer,
            ids: JobIdGenerator::default(),
            changes,
            draining_file: config.data_dir.join("draining.json"),
            clock,
            shared_models: SharedModels::default(),
            events,
        }
    }

    /// Runs until `shutdown`; call `load_draining` first (a corrupt file is a start-up error).
    pub async fn run(mut self, shutdown: CancellationToken) {
        let mut heartbeat_check = tokio::time::interval(HEARTBEAT_CHECK_INTERVAL);
        heartbeat_check.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                () = shutdown.cancelled() => break,
                Some(event) = self.events.recv() => self.handle(event),
                _ = heartbeat_check.tick() => {
                    self.handle_waiting_events();
                    self.check_heartbeats();
                    let _ = self.warn_of_unlisted_spend_models();
                }
            }
        }
        self.fail_active_jobs_at_shutdown();
        tracing::info!("cluster loop stopped");
    }

    /// Handles one event: the one place where every kind of event is decided.
    pub(super) fn handle(&mut self, event: ClusterEvent) {
        match event {
            ClusterEvent::AgentAttached {
                hello,
                connection_id,
                outbound,
                reply,
            } => {
                let _ = reply.send(self.attach(hello, connection_id, outbound));
            }
            ClusterEvent::AgentMessage {
                node,
                connection_id,
                message,
            } => {
                self.agent_message(&node, connection_id, message);
            }
            ClusterEvent::AgentDetached {
                node,
                connection_id,
                reason,
                goodbye,
            } => {
                self.detach(&node, connection_id, &reason, goodbye);
            }
            ClusterEvent::Submit {
                spec,
                trace_context,
                watch,
                reply,
            } => {
                let _ = reply.send(self.submit(spec, &trace_context, watch));
            }
            ClusterEvent::Watch { id, reply } => {
                let _ = reply.send(self.watch(&id));
            }
            ClusterEvent::Get { id, reply } => {
                let _ = reply.send(self.get(&id));
            }
            ClusterEvent::Cancel { id, reply } => {
                let _ = reply.send(self.cancel(&id));
            }
            ClusterEvent::SetDraining {
                node,
                draining,
                reply,
            } => {
                let _ = reply.send(self.set_draining(&node, draining));
            }
            ClusterEvent::ListNodes { detail, reply } => {
                let _ = reply.send(self.node_views(detail));
            }
            ClusterEvent::ListModels { answers, reply } => {
                let _ = reply.send(self.model_views(answers));
            }
            ClusterEvent::ListBudgets { reply } => {
                let _ = reply.send(self.budget_uses());
            }
        }
    }

    /// Handles the events already waiting (at most as many as wait now), so that a node whose
    /// status arrived but sits in the queue behind slow work (a large view, a burst of
    /// attaches) is not declared silent: silence is judged on what agents sent, not on how
    /// fast this loop got to it.
    fn handle_waiting_events(&mut self) {
        for _ in 0..self.events.len() {
            match self.events.try_recv() {
                Ok(event) => self.handle(event),
                Err(_) => break,
            }
        }
    }

    pub(super) fn node_index(&self, name: &str) -> Option<usize> {
        self.node_indices.get(name).copied()
    }

    /// Tells UI watchers the view changed.
    pub(super) fn changed(&self) {
        self.changes.send_modify(|version| *version += 1);
    }
}

/// Node name -> position in `nodes` (names are unique: the config validation refuses twins).
fn index_by_name(nodes: &[NodeEntry]) -> HashMap<String, usize> {
    nodes
        .iter()
        .enumerate()
        .map(|(index, node)| (node.name.clone(), index))
        .collect()
}

#[cfg(test)]
mod tests;
