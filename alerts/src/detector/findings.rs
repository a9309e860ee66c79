//! The closed set of things worth telling the operator, as the detector finds them in the
//! cluster snapshots (and the job poller in the job history). Each becomes one alert.

use proto::v1::{BudgetUse, Job};

/// The jobs a lost node held: those that failed with it, and those re-routed elsewhere (each
/// job as it is now, so a re-routed one names its new node).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AffectedJobs {
    pub failed: Vec<Job>,
    pub rerouted: Vec<Job>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Finding {
    /// The node's agent has been down for `alert_after`.
    NodeLost {
        node: String,
        since_ms: i64,
        /// The agent's last message (0 when this coordinator run has not heard from it).
        last_seen_ms: i64,
        /// The coordinator's words for it ("agent down since …: its stream closed").
        reason: String,
        /// Models the node had that no node can serve now.
        unavailable_models: Vec<String>,
        /// Filled in by the watch loop from the job history (the detector sees no jobs).
        jobs: AffectedJobs,
    },
    /// A lost node's agent is back.
    NodeBack {
        node: String,
        since_ms: i64,
        back_at_ms: i64,
    },
    /// The agent is up but its Ollama has not answered for `alert_after`.
    OllamaStopped {
        node: String,
        /// `ollama`, or the cloud provider serving the node (whose refused key reads here).
        backend: String,
        since_ms: i64,
        reason: String,
    },
    OllamaAnswering {
        node: String,
        backend: String,
        since_ms: i64,
        back_at_ms: i64,
        version: String,
    },
    /// A model the routes pin to this node has been missing from it for `alert_after`.
    PinnedModelMissing {
        node: String,
        model: String,
        since_ms: i64,
        /// Whether another node can serve the model meanwhile.
        served_elsewhere: bool,
    },
    PinnedModelBack {
        node: String,
        model: String,
        since_ms: i64,
        back_at_ms: i64,
    },
    DiskPressure {
        node: String,
        free_bytes: u64,
        total_bytes: u64,
        at_ms: i64,
    },
    DiskPressureCleared {
        node: String,
        free_bytes: u64,
        total_bytes: u64,
        at_ms: i64,
    },
    /// Jobs that ended `failed` since the last look (only with `job_failures = true`).
    JobsFailed { jobs: Vec<Job> },
    /// A budget limit reached 80 % of its cap in this period.
    BudgetNearlySpent { budget: BudgetUse, at_ms: i64 },
    /// A budget limit is spent: jobs it covers are rejected until it resets.
    BudgetExhausted { budget: BudgetUse, at_ms: i64 },
}
