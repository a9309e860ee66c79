//! The real [`Launcher`]: `JobService` through the shared client, and the agents over the
//! same connection.

use futures::FutureExt;
use futures::future::BoxFuture;
use proto::v1::{
    AgentRun, CancelJobRequest, GetJobRequest, JobSpec, JobState, ListNodesRequest, NodeState,
    SubmitJobRequest,
};
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;
use tonic::Code;

use super::{Launcher, Submitted};

#[derive(Clone)]
pub struct ClusterLauncher {
    coordinator: client::Coordinator,
    agents: agents::AgentDeps,
}

impl ClusterLauncher {
    pub fn new(coordinator: client::Coordinator, agents: agents::AgentDeps) -> Self {
        Self {
            coordinator,
            agents,
        }
    }
}

impl Launcher for ClusterLauncher {
    fn submit(&self, spec: JobSpec) -> BoxFuture<'_, Submitted> {
        async move {
            let request = SubmitJobRequest { spec: Some(spec) };
            match self.coordinator.jobs().submit_job(request).await {
                Ok(response) => match response.into_inner().job {
                    Some(job) => Submitted::Accepted {
                        state: JobState::try_from(job.state).unwrap_or(JobState::Queued),
                        job_id: job.id,
                    },
                    None => Submitted::Refused("the coordinator answered without a job".into()),
                },
                Err(status) => submitted_from(&self.coordinator, &status),
            }
        }
        .boxed()
    }

    fn job_state<'a>(&'a self, job_id: &'a str) -> BoxFuture<'a, Option<JobState>> {
        async move {
            let request = GetJobRequest {
                id: job_id.to_owned(),
            };
            let job = self
                .coordinator
                .jobs()
                .get_job(request)
                .await
                .ok()?
                .into_inner();
            JobState::try_from(job.state).ok()
        }
        .boxed()
    }

    fn cancel<'a>(&'a self, job_id: &'a str) -> BoxFuture<'a, ()> {
        async move {
            let request = CancelJobRequest { id: job_id.to_owned() };
            if let Err(status) = self.coordinator.jobs().cancel_job(request).await {
                tracing::warn!(job_id, error = %status.message(), "could not cancel the job a firing replaces");
            }
        }
        .boxed()
    }

    fn nodes_settled(&self) -> BoxFuture<'_, bool> {
        async move {
            let Ok(nodes) = self
                .coordinator
                .cluster()
                .list_nodes(ListNodesRequest { brief: true })
                .await
            else {
                return false;
            };
            let nodes = nodes.into_inner().nodes;
            nodes
                .iter()
                .all(|node| node.state != i32::from(NodeState::Down))
        }
        .boxed()
    }

    fn run_agent(
        &self,
        input: agents::AgentInput,
        progress: watch::Sender<AgentRun>,
        cancel: CancellationToken,
    ) -> BoxFuture<'static, AgentRun> {
        agents::run_agent(input, self.agents.clone(), progress, cancel).boxed()
    }
}

fn submitted_from(coordinator: &client::Coordinator, status: &tonic::Status) -> Submitted {
    if let Some(unreachable) = coordinator.unreachable(status) {
        return Submitted::Unreachable(unreachable.to_string());
    }
    match status.code() {
        Code::FailedPrecondition | Code::Unavailable | Code::ResourceExhausted => {
            Submitted::Rejected {
                job_id: client::rejected_job_id(status).unwrap_or_default(),
                reason: client::rejection_text(status),
            }
        }
        _ => Submitted::Refused(status.message().to_owned()),
    }
}
