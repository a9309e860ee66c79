//! The cheap, cloneable way for the gRPC and HTTP services to talk to the cluster loop.

use proto::v1::{
    AgentHello, BudgetUse, Job, JobSpec, ModelAvailability, Node, Welcome, agent_message,
};
use tokio::sync::{mpsc, oneshot, watch};

use super::events::{ClusterEvent, JobError, JobWatch, NodeDetail, Rejected, Submitted};
use super::node::Outbound;

#[derive(Clone)]
pub struct ClusterHandle {
    /// Unbounded: why, and what bounds it in practice, is written where it is made
    /// (`new_cluster_with_clock`).
    pub(super) events: mpsc::UnboundedSender<ClusterEvent>,
    /// Bumped whenever the cluster view changes, so a UI can refresh without polling.
    pub(super) changes: watch::Receiver<u64>,
}

impl ClusterHandle {
    async fn ask<T>(&self, make: impl FnOnce(oneshot::Sender<T>) -> ClusterEvent) -> Option<T> {
        let (reply, answer) = oneshot::channel();
        self.events.send(make(reply)).ok()?;
        answer.await.ok()
    }

    pub fn send(&self, event: ClusterEvent) {
        // The loop only stops at shutdown, when nobody needs the answer any more.
        let _ = self.events.send(event);
    }

    pub fn changes(&self) -> watch::Receiver<u64> {
        self.changes.clone()
    }

    pub async fn attach_agent(
        &self,
        hello: AgentHello,
        connection_id: u64,
        outbound: Outbound,
    ) -> Option<Welcome> {
        self.ask(|reply| ClusterEvent::AgentAttached {
            hello,
            connection_id,
            outbound,
            reply,
        })
        .await
    }

    pub fn agent_message(&self, node: String, connection_id: u64, message: agent_message::Kind) {
        self.send(ClusterEvent::AgentMessage {
            node,
            connection_id,
            message,
        });
    }

    pub fn agent_detached(&self, node: String, connection_id: u64, reason: String, goodbye: bool) {
        self.send(ClusterEvent::AgentDetached {
            node,
            connection_id,
            reason,
            goodbye,
        });
    }

    /// Routes and queues a validated spec (see `validate_job_spec`); the job's trace continues
    /// `trace_context` (the client's `traceparent`, or empty for a new trace).
    pub async fn submit(
        &self,
        spec: JobSpec,
        trace_context: telemetry::TraceCarrier,
    ) -> Result<Result<Submitted, Box<Rejected>>, JobError> {
        self.submit_with(spec, trace_context, false).await
    }

    /// Like `submit`, and the accepted job's events from the moment it was accepted come in
    /// `Submitted::updates`.
    pub async fn submit_and_watch(
        &self,
        spec: JobSpec,
        trace_context: telemetry::TraceCarrier,
    ) -> Result<Result<Submitted, Box<Rejected>>, JobError> {
        self.submit_with(spec, trace_context, true).await
    }

    async fn submit_with(
        &self,
        spec: JobSpec,
        trace_context: telemetry::TraceCarrier,
        watch: bool,
    ) -> Result<Result<Submitted, Box<Rejected>>, JobError> {
        self.ask(|reply| ClusterEvent::Submit {
            spec,
            trace_context,
            watch,
            reply,
        })
        .await
        .unwrap_or(Err(JobError::ShuttingDown))
    }

    pub async fn watch(&self, id: String) -> Result<JobWatch, JobError> {
        self.ask(|reply| ClusterEvent::Watch { id, reply })
            .await
            .unwrap_or(Err(JobError::ShuttingDown))
    }

    pub async fn get(&self, id: String) -> Result<Job, JobError> {
        self.ask(|reply| ClusterEvent::Get { id, reply })
            .await
            .unwrap_or(Err(JobError::ShuttingDown))
    }

    pub async fn cancel(&self, id: String) -> Result<Job, JobError> {
        self.ask(|reply| ClusterEvent::Cancel { id, reply })
            .await
            .unwrap_or(Err(JobError::ShuttingDown))
    }

    pub async fn set_draining(&self, node: String, draining: bool) -> Result<Node, JobError> {
        self.ask(|reply| ClusterEvent::SetDraining {
            node,
            draining,
            reply,
        })
        .await
        .unwrap_or(Err(JobError::ShuttingDown))
    }

    pub async fn nodes(&self) -> Vec<Node> {
        self.nodes_with(NodeDetail::Full).await
    }

    /// Every node without its model lists (installed, loaded, unavailable): for what reads
    /// only states, slots and host facts.
    pub async fn nodes_brief(&self) -> Vec<Node> {
        self.nodes_with(NodeDetail::Brief).await
    }

    /// Every node, with as much of it as `detail` says.
    pub async fn nodes_with(&self, detail: NodeDetail) -> Vec<Node> {
        self.ask(|reply| ClusterEvent::ListNodes { detail, reply })
            .await
            .unwrap_or_default()
    }

    /// Every `[[budgets]]` limit's use in its current period (UTC day or month).
    pub async fn budgets(&self) -> Vec<BudgetUse> {
        self.ask(|reply| ClusterEvent::ListBudgets { reply })
            .await
            .unwrap_or_default()
    }

    pub async fn models(&self) -> Vec<ModelAvailability> {
        self.models_with(true).await
    }

    /// Every model and whether it is available, without each node's answer.
    pub async fn models_without_answers(&self) -> Vec<ModelAvailability> {
        self.models_with(false).await
    }

    async fn models_with(&self, answers: bool) -> Vec<ModelAvailability> {
        self.ask(|reply| ClusterEvent::ListModels { answers, reply })
            .await
            .unwrap_or_default()
    }
}
