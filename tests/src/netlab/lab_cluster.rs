//! A cluster inside a [`NetLab`]: the coordinator in its own namespace, each node's agent and
//! stand-in Ollama (served by this process, listening inside the node's namespace) in theirs,
//! and a relay so the test's gRPC clients reach the coordinator from loopback. Processes are
//! the real `runner` and `runner-agent`, started through `ip netns exec`. The coordinator can
//! be SIGKILLed and started again with the same config, data dir and addresses, so agents
//! reconnect to it as to a crashed and restarted one.

mod lab_processes;

use std::collections::BTreeMap;
use std::net::{Ipv4Addr, SocketAddr};

use anyhow::{Context, ensure};
use proto::v1::cluster_service_client::ClusterServiceClient;
use proto::v1::job_service_client::JobServiceClient;
use proto::v1::{
    GetJobRequest, Job, ListJobsRequest, ListNodesRequest, NodeState, SubmitJobRequest,
};
use tonic::transport::Channel;

use super::{NetLab, bind_in, forward_into};
use crate::cluster::{ManagedProcess, Patience, eventually, generate_spec, is_terminal};
use crate::fake_ollama::FakeOllama;
use lab_processes::{CoordinatorLaunch, start_agent};
pub use lab_processes::{DISCONNECT_GRACE, HEARTBEAT_TIMEOUT, LabSettings};

const GRPC_PORT: u16 = 7070;

/// A node of the lab: its name and the models its stand-in Ollama has.
pub type LabNode<'a> = (&'a str, &'a [&'a str]);

/// Dropped in field order: the processes stop before their namespaces go.
pub struct LabCluster {
    /// `None` between [`LabCluster::kill_coordinator`] and [`LabCluster::restart_coordinator`].
    coordinator: Option<ManagedProcess>,
    coordinator_launch: CoordinatorLaunch,
    _agents: Vec<ManagedProcess>,
    ollamas: BTreeMap<String, FakeOllama>,
    pub channel: Channel,
    pub lab: NetLab,
    dir: tempfile::TempDir,
}

impl LabCluster {
    /// Starts the coordinator and one agent per `(node, models)`, with `routes` as
    /// `(model, node)`, and waits until every node is ready.
    pub async fn start(nodes: &[LabNode<'_>], routes: &[(&str, &str)]) -> anyhow::Result<Self> {
        Self::start_with(nodes, routes, LabSettings::default()).await
    }

    /// [`LabCluster::start`] with agents and a coordinator set up as `settings` says.
    pub async fn start_with(
        nodes: &[LabNode<'_>],
        routes: &[(&str, &str)],
        settings: LabSettings,
    ) -> anyhow::Result<Self> {
        let mut hosts = vec!["coordinator"];
        hosts.extend(nodes.iter().map(|(node, _)| *node));
        let lab = NetLab::new(&hosts)?;
        let dir = tempfile::tempdir()?;
        let coordinator = SocketAddr::from((lab.address("coordinator"), GRPC_PORT));
        if let Some((discord, _)) = &settings.discord_webhook {
            super::forward_out_of(&lab.ns("coordinator"), *discord, *discord)?;
        }
        let coordinator_launch =
            CoordinatorLaunch::write(&lab, dir.path(), coordinator, nodes, routes, &settings)?;
        let coordinator_process = coordinator_launch.spawn()?;
        let mut agents = Vec::new();
        let channel = connect(forward_into(&lab.ns("coordinator"), coordinator)?).await?;
        let mut ollamas = BTreeMap::new();
        for (node, models) in nodes {
            let listener = bind_in(&lab.ns(node), SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))?;
            listener.set_nonblocking(true)?;
            let ollama =
                FakeOllama::serve_on(tokio::net::TcpListener::from_std(listener)?, models)?;
            agents.push(start_agent(
                &lab,
                dir.path(),
                node,
                coordinator,
                &ollama.url(),
                &settings,
            )?);
            ollamas.insert((*node).to_owned(), ollama);
        }
        let cluster = Self {
            coordinator: Some(coordinator_process),
            coordinator_launch,
            _agents: agents,
            ollamas,
            channel,
            lab,
            dir,
        };
        for (node, _) in nodes {
            cluster.wait_state(node, NodeState::Ready, 30).await?;
        }
        Ok(cluster)
    }

    /// SIGKILLs the coordinator (and reaps it): no goodbye to agents or clients, and whatever
    /// its store had not made durable is gone, as in a crash.
    pub async fn kill_coordinator(&mut self) -> anyhow::Result<()> {
        let mut coordinator = self
            .coordinator
            .take()
            .context("the lab's coordinator is not running")?;
        coordinator.kill().await
    }

    /// Starts the coordinator again with the same config, data dir and addresses, and waits
    /// until it answers through the test's relay (agents reconnect on their own backoff).
    pub async fn restart_coordinator(&mut self) -> anyhow::Result<()> {
        ensure!(
            self.coordinator.is_none(),
            "the lab's coordinator is still running: kill it first"
        );
        self.coordinator = Some(self.coordinator_launch.spawn()?);
        eventually(
            "the restarted coordinator to answer",
            Patience::seconds(20),
            || async {
                ClusterServiceClient::new(self.channel.clone())
                    .list_nodes(ListNodesRequest::default())
                    .await?;
                Ok(())
            },
        )
        .await
    }

    /// Keeps the lab's files (configs, process logs, the job store) after the test, for a
    /// look at a failure; returns where they are.
    pub fn keep_files(&mut self) -> std::path::PathBuf {
        self.dir.disable_cleanup(true);
        self.dir.path().to_owned()
    }

    /// The node's stand-in Ollama, to slow it down or change its answers.
    pub fn ollama(&self, node: &str) -> anyhow::Result<&FakeOllama> {
        self.ollamas
            .get(node)
            .with_context(|| format!("no node {node} in the lab"))
    }

    pub fn jobs(&self) -> JobServiceClient<Channel> {
        JobServiceClient::new(self.channel.clone())
    }

    /// Submits a generate job for `model`; `Err` is the coordinator's refusal.
    pub async fn submit(
        &self,
        model: &str,
        prompt: &str,
    ) -> anyhow::Result<Result<Job, tonic::Status>> {
        let request = SubmitJobRequest {
            spec: Some(generate_spec(model, prompt)),
        };
        Ok(match self.jobs().submit_job(request).await {
            Ok(answer) => Ok(answer
                .into_inner()
                .job
                .context("submit answered without a job")?),
            Err(status) => Err(status),
        })
    }

    /// Submits a generate job that must be accepted.
    pub async fn submit_ok(&self, model: &str, prompt: &str) -> anyhow::Result<Job> {
        self.submit(model, prompt).await?.map_err(|status| {
            anyhow::anyhow!(
                "{model} was refused: {:?} {}",
                status.code(),
                status.message()
            )
        })
    }

    /// The job's record once it ended; an error naming its state when it has not within
    /// `bound`.
    pub async fn ended_within(&self, id: &str, bound: std::time::Duration) -> anyhow::Result<Job> {
        let patience = Patience::seconds(bound.as_secs());
        eventually(&format!("job {id} to end"), patience, || {
            let (mut jobs, id) = (self.jobs(), id.to_owned());
            async move {
                let job = jobs.get_job(GetJobRequest { id }).await?.into_inner();
                ensure!(is_terminal(&job), "still {:?}", job.state);
                Ok(job)
            }
        })
        .await
    }

    /// Every job for `model` the coordinator recorded ran on `node` or nowhere (rejected):
    /// never on another node.
    pub async fn only_ran_on(&self, model: &str, node: &str) -> anyhow::Result<()> {
        let recorded = self
            .jobs()
            .list_jobs(ListJobsRequest {
                model: model.to_owned(),
                limit: 500,
                ..Default::default()
            })
            .await?
            .into_inner()
            .jobs;
        let elsewhere: Vec<&Job> = recorded
            .iter()
            .filter(|job| !job.node.is_empty() && job.node != node)
            .collect();
        ensure!(
            elsewhere.is_empty(),
            "{model} ran off {node}: {elsewhere:?}"
        );
        Ok(())
    }

    /// The coordinator's view of `node` now.
    pub async fn node(&self, node: &str) -> anyhow::Result<proto::v1::Node> {
        let nodes = ClusterServiceClient::new(self.channel.clone())
            .list_nodes(ListNodesRequest::default())
            .await?
            .into_inner()
            .nodes;
        nodes
            .into_iter()
            .find(|candidate| candidate.name == node)
            .with_context(|| format!("the coordinator lists no node {node}"))
    }

    /// Waits up to `seconds` for the coordinator to list `node` in `state`.
    pub async fn wait_state(
        &self,
        node: &str,
        state: NodeState,
        seconds: u64,
    ) -> anyhow::Result<()> {
        let what = format!("{node} to be {state:?}");
        eventually(&what, Patience::seconds(seconds), || async {
            let found = self.node(node).await?;
            ensure!(found.state == state as i32, "{node} is {:?}", found.state);
            Ok(())
        })
        .await
    }
}

async fn connect(address: SocketAddr) -> anyhow::Result<Channel> {
    eventually(
        "the coordinator to answer",
        Patience::seconds(20),
        || async move {
            let channel = Channel::from_shared(format!("http://{address}"))?
                .connect()
                .await?;
            ClusterServiceClient::new(channel.clone())
                .list_nodes(ListNodesRequest::default())
                .await?;
            Ok(channel)
        },
    )
    .await
}
