//! How a firing reaches the cluster: the [`Launcher`] submits a firing's job (the same
//! `SubmitJob` as every client: same routing, never another model), reads and cancels jobs
//! for the overlap policy, and runs agents. [`ClusterLauncher`] is the real one, over the
//! public gRPC API; tests give the scheduler a fake.

use futures::future::BoxFuture;
use proto::v1::{AgentRun, JobSpec, JobState};
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;

mod cluster;

pub use cluster::ClusterLauncher;

/// What became of a submit.
#[derive(Debug, Clone, PartialEq)]
pub enum Submitted {
    /// The cluster took the job (or answered with the job this key made before).
    Accepted { job_id: String, state: JobState },
    /// No node can run the model: the reason names every node's; the job is recorded
    /// `rejected` under `job_id` when the status said which.
    Rejected { job_id: String, reason: String },
    /// The coordinator refused the request itself (bad spec, key reused with another job).
    Refused(String),
    /// The coordinator could not be reached: the firing stays pending and is tried again.
    Unreachable(String),
}

pub trait Launcher: Send + Sync {
    fn submit(&self, spec: JobSpec) -> BoxFuture<'_, Submitted>;
    /// The job's state, `None` when it cannot be read now.
    fn job_state<'a>(&'a self, job_id: &'a str) -> BoxFuture<'a, Option<JobState>>;
    /// Cancels the job (logged when it cannot be).
    fn cancel<'a>(&'a self, job_id: &'a str) -> BoxFuture<'a, ()>;
    /// Whether every node the coordinator knows is connected (none `down`): after a restart
    /// the scheduler waits a little for this, so a catch-up is not rejected only because the
    /// agents have not reconnected yet.
    fn nodes_settled(&self) -> BoxFuture<'_, bool>;
    /// Runs an agent to its end (see `agents::run_agent`).
    fn run_agent(
        &self,
        input: agents::AgentInput,
        progress: watch::Sender<AgentRun>,
        cancel: CancellationToken,
    ) -> BoxFuture<'static, AgentRun>;
}
