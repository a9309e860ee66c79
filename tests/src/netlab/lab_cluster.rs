//! A cluster inside a [`NetLab`]: the coordinator in its own namespace, each node's agent and
//! stand-in Ollama (served by this process, listening inside the node's namespace) in theirs,
//! and a relay so the test's gRPC clients reach the coordinator from loopback. Processes are
//! the real `runner` and `runner-agent`, started through `ip netns exec`.

use std::collections::BTreeMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;

use anyhow::{Context, ensure};
use proto::v1::cluster_service_client::ClusterServiceClient;
use proto::v1::job_service_client::JobServiceClient;
use proto::v1::{
    GetJobRequest, Job, ListJobsRequest, ListNodesRequest, NodeState, SubmitJobRequest,
};
use tonic::transport::Channel;

use super::{NetLab, bind_in, forward_into};
use crate::cluster::{
    ManagedProcess, Patience, binary_path, eventually, generate_spec, is_terminal,
};
use crate::fake_ollama::FakeOllama;

const GRPC_PORT: u16 = 7070;
/// The coordinator's heartbeat timeout in the lab: a silent node is disconnected after this.
pub const HEARTBEAT_TIMEOUT: &str = "2s";
/// The coordinator's `disconnect_grace` in the lab: a disconnected node is lost after this.
pub const DISCONNECT_GRACE: &str = "10s";

/// A node of the lab: its name and the models its stand-in Ollama has.
pub type LabNode<'a> = (&'a str, &'a [&'a str]);

/// What a lab cluster has beyond its nodes and routes.
#[derive(Debug, Default, Clone)]
pub struct LabOptions {
    /// A stand-in Discord on this process's loopback, made reachable at the same address from
    /// the coordinator's namespace and set as its `DISCORD_WEBHOOK_URL`.
    pub discord_webhook: Option<(SocketAddr, String)>,
    /// Appended to the coordinator's TOML (an `[alerts]` table, …).
    pub extra_coordinator_toml: String,
}

/// Dropped in field order: the processes stop before their namespaces go.
pub struct LabCluster {
    _processes: Vec<ManagedProcess>,
    ollamas: BTreeMap<String, FakeOllama>,
    pub channel: Channel,
    pub lab: NetLab,
    _dir: tempfile::TempDir,
}

impl LabCluster {
    /// Starts the coordinator and one agent per `(node, models)`, with `routes` as
    /// `(model, node)`, and waits until every node is ready.
    pub async fn start(nodes: &[(&str, &[&str])], routes: &[(&str, &str)]) -> anyhow::Result<Self> {
        Self::start_with(nodes, routes, LabOptions::default()).await
    }

    /// Like [`LabCluster::start`], with `options`.
    pub async fn start_with(
        nodes: &[(&str, &[&str])],
        routes: &[(&str, &str)],
        options: LabOptions,
    ) -> anyhow::Result<Self> {
        let mut hosts = vec!["coordinator"];
        hosts.extend(nodes.iter().map(|(node, _)| *node));
        let lab = NetLab::new(&hosts)?;
        let dir = tempfile::tempdir()?;
        let coordinator = SocketAddr::from((lab.address("coordinator"), GRPC_PORT));
        if let Some((discord, _)) = &options.discord_webhook {
            super::forward_out_of(&lab.ns("coordinator"), *discord, *discord)?;
        }
        let mut processes = vec![start_coordinator(
            &lab,
            dir.path(),
            coordinator,
            (nodes, routes),
            &options,
        )?];
        let channel = connect(forward_into(&lab.ns("coordinator"), coordinator)?).await?;
        let mut ollamas = BTreeMap::new();
        for (node, models) in nodes {
            let listener = bind_in(&lab.ns(node), SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))?;
            listener.set_nonblocking(true)?;
            let ollama =
                FakeOllama::serve_on(tokio::net::TcpListener::from_std(listener)?, models)?;
            processes.push(start_agent(
                &lab,
                dir.path(),
                node,
                coordinator,
                &ollama.url(),
            )?);
            ollamas.insert((*node).to_owned(), ollama);
        }
        let cluster = Self {
            _processes: processes,
            ollamas,
            channel,
            lab,
            _dir: dir,
        };
        for (node, _) in nodes {
            cluster.wait_state(node, NodeState::Ready, 30).await?;
        }
        Ok(cluster)
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

    /// Waits up to `seconds` for the coordinator to list `node` in `state`.
    pub async fn wait_state(
        &self,
        node: &str,
        state: NodeState,
        seconds: u64,
    ) -> anyhow::Result<()> {
        let what = format!("{node} to be {state:?}");
        eventually(&what, Patience::seconds(seconds), || async {
            let nodes = ClusterServiceClient::new(self.channel.clone())
                .list_nodes(ListNodesRequest {})
                .await?
                .into_inner()
                .nodes;
            let found = nodes
                .iter()
                .find(|candidate| candidate.name == node)
                .context("no such node")?;
            ensure!(found.state == state as i32, "{node} is {:?}", found.state);
            Ok(())
        })
        .await
    }
}

fn start_coordinator(
    lab: &NetLab,
    dir: &Path,
    grpc: SocketAddr,
    (nodes, routes): (&[LabNode], &[(&str, &str)]),
    options: &LabOptions,
) -> anyhow::Result<ManagedProcess> {
    // The HTTP side stays on the namespace's loopback: the test needs only gRPC.
    let mut toml = format!(
        "grpc_addr = \"{grpc}\"\nhttp_addr = \"127.0.0.1:8000\"\ndata_dir = \"{}\"\n\
         heartbeat_timeout = \"{HEARTBEAT_TIMEOUT}\"\ndisconnect_grace = \"{DISCONNECT_GRACE}\"\n",
        dir.join("data").display()
    );
    let mut tokens = Vec::new();
    if let Some((_, webhook)) = &options.discord_webhook {
        tokens.push(("DISCORD_WEBHOOK_URL".to_owned(), webhook.clone()));
    }
    for (node, _) in nodes {
        let variable = format!("TOKEN_{}", node.to_ascii_uppercase());
        toml.push_str(&format!(
            "[[nodes]]\nname = \"{node}\"\ntoken_env = \"{variable}\"\n"
        ));
        tokens.push((variable, token(node)));
    }
    for (model, node) in routes {
        toml.push_str(&format!(
            "[[routes]]\nmodel = \"{model}\"\nnodes = [\"{node}\"]\n"
        ));
    }
    toml.push_str(&options.extra_coordinator_toml);
    let config = dir.join("coordinator.toml");
    std::fs::write(&config, toml)?;
    let args = in_namespace(
        lab,
        "coordinator",
        &binary_path("runner")?,
        &["serve", "--config"],
        &config,
    );
    ManagedProcess::spawn("coordinator", Path::new("ip"), &args, &tokens, dir)
}

fn start_agent(
    lab: &NetLab,
    dir: &Path,
    node: &str,
    coordinator: SocketAddr,
    ollama_url: &str,
) -> anyhow::Result<ManagedProcess> {
    let config = dir.join(format!("agent-{node}.toml"));
    std::fs::write(
        &config,
        format!(
            "node = \"{node}\"\ncoordinator = \"http://{coordinator}\"\n\
             ollama_url = \"{ollama_url}\"\nprobe_interval = \"250ms\"\n"
        ),
    )?;
    let args = in_namespace(
        lab,
        node,
        &binary_path("runner-agent")?,
        &["--config"],
        &config,
    );
    let env = [("RUNNER_AGENT_TOKEN".to_owned(), token(node))];
    ManagedProcess::spawn(&format!("agent-{node}"), Path::new("ip"), &args, &env, dir)
}

/// `netns exec NS PROGRAM ARGS… FILE`, the arguments of `ip`.
fn in_namespace(
    lab: &NetLab,
    host: &str,
    program: &Path,
    args: &[&str],
    file: &Path,
) -> Vec<String> {
    let mut all = vec!["netns".to_owned(), "exec".to_owned(), lab.ns(host)];
    all.push(program.display().to_string());
    all.extend(args.iter().map(|arg| (*arg).to_owned()));
    all.push(file.display().to_string());
    all
}

fn token(node: &str) -> String {
    format!("netlab-token-{node}-{}", std::process::id())
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
                .list_nodes(ListNodesRequest {})
                .await?;
            Ok(channel)
        },
    )
    .await
}
