//! The closed set of things that happen to the cluster. The main loop handles each in one
//! place; callers send an event and, where they need an answer, wait on its `reply`.

use proto::v1::{
    AgentHello, BudgetUse, Job, JobEvent, JobSpec, ModelAvailability, Node, NodeIneligibility,
    Welcome, agent_message,
};
use tokio::sync::{mpsc, oneshot};

use super::node::Outbound;

pub type Reply<T> = oneshot::Sender<T>;

pub enum ClusterEvent {
    /// An agent proved its token; it replaces any earlier link of the same node.
    AgentAttached {
        hello: AgentHello,
        connection_id: u64,
        outbound: Outbound,
        reply: Reply<Welcome>,
    },
    AgentMessage {
        node: String,
        connection_id: u64,
        message: agent_message::Kind,
    },
    AgentDetached {
        node: String,
        connection_id: u64,
        reason: String,
        /// The agent ended its stream itself (it is shutting down), rather than the
        /// connection breaking.
        goodbye: bool,
    },
    Submit {
        spec: JobSpec,
        /// The client's W3C trace context; the job's trace continues it.
        trace_context: telemetry::TraceCarrier,
        /// Subscribe the caller to the job's events at once (`SubmitAndWatch`), so that
        /// nothing it does before the caller is told is missed.
        watch: bool,
        reply: Reply<SubmitOutcome>,
    },
    Watch {
        id: String,
        reply: Reply<Result<JobWatch, JobError>>,
    },
    Get {
        id: String,
        reply: Reply<Result<Job, JobError>>,
    },
    Cancel {
        id: String,
        reply: Reply<Result<Job, JobError>>,
    },
    SetDraining {
        node: String,
        draining: bool,
        reply: Reply<Result<Node, JobError>>,
    },
    ListNodes {
        detail: NodeDetail,
        reply: Reply<Vec<Node>>,
    },
    ListModels {
        /// With each model's per-node answers (else only whether it is available).
        answers: bool,
        reply: Reply<Vec<ModelAvailability>>,
    },
    /// Every budget limit's use in its current period.
    ListBudgets { reply: Reply<Vec<BudgetUse>> },
}

/// What a submit answers: a job accepted (or, for a known idempotency key, the job the key
/// made), a rejection, or an error (`IdempotencyKeyReused`, the store).
pub type SubmitOutcome = Result<Result<Submitted, Box<Rejected>>, JobError>;

/// A job accepted and queued; `durable` says when its record is on disk.
pub struct Submitted {
    pub job: Job,
    pub durable: oneshot::Receiver<Result<(), String>>,
    /// Everything that happens to the job after `job`, when the submit asked to watch it.
    /// Unbounded, and why that is bounded by the job: see `ActiveJob::watchers`.
    pub updates: Option<mpsc::UnboundedReceiver<JobEvent>>,
}

/// A job no node can run; it is recorded with state `rejected`.
#[derive(Debug)]
pub struct Rejected {
    pub job: Job,
    pub reasons: Vec<NodeIneligibility>,
    /// True when every candidate is merely unhealthy or busy (gRPC UNAVAILABLE).
    pub transient: bool,
    /// True when a route or some node's last known list names the model: it exists here but
    /// cannot run now (false: nobody has it).
    pub listed: bool,
    /// When every reason is a provider's rate limit or a spent budget: how long until the
    /// first node can take the job again.
    pub retry_after_ms: Option<u64>,
    /// Says when the rejected job's record is on disk, so a client told of the rejection
    /// finds it in `ListJobs` at once (`None` where nothing was written, as in tests).
    pub durable: Option<oneshot::Receiver<Result<(), String>>>,
}

/// The job so far and the stream of what happens to it next.
pub struct JobWatch {
    pub snapshot: Job,
    /// `None` when the job has already ended: the snapshot is all there is. Unbounded, and
    /// why that is bounded by the job: see `ActiveJob::watchers`.
    pub updates: Option<mpsc::UnboundedReceiver<JobEvent>>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JobError {
    #[error("no job with id {0}; list jobs with `runner jobs`")]
    NotFound(String),
    /// `hint` is "did you mean davas?" for a near miss, else how to list the nodes.
    #[error("no node named {name}; {hint}")]
    NodeNotFound { name: String, hint: String },
    #[error("job {id} has already ended ({state}); nothing to cancel")]
    AlreadyEnded { id: String, state: String },
    #[error("job store: {0}")]
    Store(String),
    /// A submit's idempotency key made a job with another request (`same_request`).
    #[error(
        "idempotency key {key} was used for job {job_id} with a different request; use a new \
         key for a new request"
    )]
    IdempotencyKeyReused { key: String, job_id: String },
    #[error("the coordinator is shutting down")]
    ShuttingDown,
}

/// How much of each node a node view carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeDetail {
    /// Everything, model lists included.
    Full,
    /// The installed models by name only; no loaded or unavailable lists.
    ModelNames,
    /// No model lists: states, slots and host facts.
    Brief,
}
