//! The running cluster a scenario drives: start, kill, freeze, restart, and ask it things.

use std::collections::BTreeMap;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, bail};
use proto::v1::cluster_service_client::ClusterServiceClient;
use proto::v1::job_service_client::JobServiceClient;
use proto::v1::memory_service_client::MemoryServiceClient;
use proto::v1::usage_service_client::UsageServiceClient;
use proto::v1::{ListNodesRequest, Node, NodeState};
use tonic::transport::Channel;

use super::binaries::binary_path;
use super::eventually::{Patience, eventually};
use super::process::{ManagedProcess, Signal};
use super::spec::{ClusterSpec, token_env, token_for};
use crate::fake_ollama::FakeOllama;

pub struct TestCluster {
    pub spec: ClusterSpec,
    pub dir: tempfile::TempDir,
    pub grpc_port: u16,
    pub http_port: u16,
    pub(super) coordinator: Option<ManagedProcess>,
    agents: BTreeMap<String, ManagedProcess>,
    ollamas: BTreeMap<String, FakeOllama>,
    tokens: BTreeMap<String, String>,
    starts: usize,
}

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

impl TestCluster {
    /// Starts every stand-in Ollama, the coordinator and every agent, and waits until every
    /// node is ready.
    pub async fn start(spec: ClusterSpec) -> anyhow::Result<Self> {
        let mut cluster = Self::start_without_agents(spec).await?;
        for node in cluster.spec.nodes.clone() {
            if node.provider.is_some() {
                continue;
            }
            let models: Vec<&str> = node.models.iter().map(String::as_str).collect();
            cluster
                .ollamas
                .insert(node.name.clone(), FakeOllama::start(&models).await?);
        }
        for node in cluster.spec.nodes.clone() {
            cluster.start_agent(&node.name)?;
        }
        cluster.wait_every_node_ready(Patience::seconds(20)).await?;
        Ok(cluster)
    }

    /// Waits until every node of the spec is ready, as after a start or a coordinator restart:
    /// a node not yet back changes what a rejection says (it might take the job soon).
    pub async fn wait_every_node_ready(&self, patience: Patience) -> anyhow::Result<()> {
        for node in &self.spec.nodes {
            self.wait_node_state(&node.name, NodeState::Ready, patience)
                .await?;
        }
        Ok(())
    }

    /// Starts only the coordinator, configured with every node of `spec` and their tokens
    /// ([`TestCluster::token`]), for callers that bring their own agents (the scale benchmark's
    /// simulated ones); no stand-in Ollama and no `runner-agent` is started.
    pub async fn start_without_agents(spec: ClusterSpec) -> anyhow::Result<Self> {
        let salt = SystemTime::now().duration_since(UNIX_EPOCH)?.as_nanos();
        let mut cluster = Self {
            dir: match &spec.temp_root {
                Some(root) => tempfile::Builder::new()
                    .prefix("llm-runner-test-")
                    .tempdir_in(root)?,
                None => tempfile::Builder::new()
                    .prefix("llm-runner-test-")
                    .tempdir()?,
            },
            grpc_port: free_port()?,
            http_port: free_port()?,
            coordinator: None,
            agents: BTreeMap::new(),
            ollamas: BTreeMap::new(),
            tokens: spec
                .nodes
                .iter()
                .map(|node| (node.name.clone(), token_for(&node.name, salt)))
                .collect(),
            starts: 0,
            spec,
        };
        cluster.start_coordinator().await?;
        Ok(cluster)
    }

    pub fn grpc_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.grpc_port)
    }

    pub fn http_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.http_port)
    }

    pub fn ollama(&self, node: &str) -> &FakeOllama {
        &self.ollamas[node]
    }

    /// The coordinator's process id, to read its CPU time and memory from `/proc`.
    pub fn coordinator_pid(&self) -> anyhow::Result<u32> {
        self.coordinator
            .as_ref()
            .context("the coordinator is not running")?
            .pid()
    }

    /// `node`'s agent's process id, to read its CPU time from `/proc`.
    pub fn agent_pid(&self, node: &str) -> anyhow::Result<u32> {
        self.agents
            .get(node)
            .with_context(|| format!("no running agent for {node}"))?
            .pid()
    }

    pub fn token(&self, node: &str) -> &str {
        &self.tokens[node]
    }

    fn next_log_name(&mut self, base: &str) -> String {
        self.starts += 1;
        format!("{:02}-{base}", self.starts)
    }

    pub async fn start_coordinator(&mut self) -> anyhow::Result<()> {
        let data_dir = self.dir.path().join("data");
        let config_path = self.dir.path().join("coordinator.toml");
        let toml = self.spec.coordinator_toml(
            self.grpc_port,
            self.http_port,
            &data_dir.display().to_string(),
        );
        std::fs::write(&config_path, toml)?;
        let mut envs: Vec<(String, String)> = self
            .tokens
            .iter()
            .map(|(node, token)| (token_env(node), token.clone()))
            .collect();
        envs.extend(self.spec.coordinator_env.iter().cloned());
        let args = vec![
            "serve".to_owned(),
            "--config".to_owned(),
            config_path.display().to_string(),
        ];
        let name = self.next_log_name("coordinator");
        let process = ManagedProcess::spawn(
            &name,
            &binary_path("runner")?,
            &args,
            &envs,
            self.dir.path(),
        )?;
        self.coordinator = Some(process);
        let health = format!("{}/healthz", self.http_url());
        eventually(
            "the coordinator to answer /healthz",
            Patience::seconds(20),
            || {
                let health = health.clone();
                async move { Ok(reqwest::get(&health).await?.error_for_status()?) }
            },
        )
        .await?;
        Ok(())
    }

    /// Starts `node`'s agent with its own token, next to its stand-in Ollama.
    pub fn start_agent(&mut self, node: &str) -> anyhow::Result<()> {
        let token = self
            .tokens
            .get(node)
            .cloned()
            .with_context(|| format!("no node {node} in the spec"))?;
        let process = self.spawn_agent(node, node, &token)?;
        self.agents.insert(node.to_owned(), process);
        Ok(())
    }

    /// Starts an extra agent that claims to be `claimed_node` with `token`, next to `ollama_of`'s
    /// Ollama; the test owns it (for wrong-token and unknown-node scenarios).
    pub fn spawn_agent(
        &mut self,
        claimed_node: &str,
        ollama_of: &str,
        token: &str,
    ) -> anyhow::Result<ManagedProcess> {
        let spec = self.spec.nodes.iter().find(|n| n.name == claimed_node);
        let max_parallel = spec.map(|n| n.max_parallel).unwrap_or(1);
        let provider = spec.and_then(|n| n.provider.clone());
        let mut envs = vec![("RUNNER_AGENT_TOKEN".to_owned(), token.to_owned())];
        let backend_toml = match &provider {
            Some(provider) => {
                envs.push((provider.key_env().to_owned(), provider.api_key.clone()));
                let list_interval = if provider.agent_toml.contains("list_interval") {
                    ""
                } else {
                    "list_interval = \"1s\"\n"
                };
                format!(
                    "backend = \"{}\"\nbase_url = \"{}\"\n{list_interval}{}",
                    provider.backend, provider.base_url, provider.agent_toml
                )
            }
            None => {
                let ollama_url = self
                    .ollamas
                    .get(ollama_of)
                    .map(FakeOllama::url)
                    .with_context(|| format!("no ollama for {ollama_of}"))?;
                format!("ollama_url = \"{ollama_url}\"\n")
            }
        };
        let name = self.next_log_name(&format!("agent-{claimed_node}"));
        let config_path = self.dir.path().join(format!("{name}.toml"));
        let toml = format!(
            "node = \"{claimed_node}\"\ncoordinator = \"{}\"\n{backend_toml}max_parallel = {max_parallel}\nprobe_interval = \"250ms\"\n",
            self.grpc_url()
        );
        std::fs::write(&config_path, toml)?;
        let args = vec!["--config".to_owned(), config_path.display().to_string()];
        envs.extend(self.spec.agent_env.iter().cloned());
        ManagedProcess::spawn(
            &name,
            &binary_path("runner-agent")?,
            &args,
            &envs,
            self.dir.path(),
        )
    }

    pub async fn kill_agent(&mut self, node: &str) -> anyhow::Result<()> {
        let mut agent = self
            .agents
            .remove(node)
            .with_context(|| format!("no running agent for {node}"))?;
        agent.kill().await
    }

    /// Stops `node`'s agent as systemd does (SIGTERM) and waits for it to exit.
    pub async fn stop_agent(&mut self, node: &str) -> anyhow::Result<std::process::ExitStatus> {
        let mut agent = self
            .agents
            .remove(node)
            .with_context(|| format!("no running agent for {node}"))?;
        agent.signal(Signal::Terminate)?;
        tokio::time::timeout(std::time::Duration::from_secs(10), agent.wait())
            .await
            .with_context(|| format!("{node}'s agent did not stop within 10 s of SIGTERM"))?
    }

    pub fn signal_agent(&self, node: &str, signal: Signal) -> anyhow::Result<()> {
        self.agents
            .get(node)
            .with_context(|| format!("no running agent for {node}"))?
            .signal(signal)
    }

    pub async fn kill_coordinator(&mut self) -> anyhow::Result<()> {
        match self.coordinator.take() {
            Some(mut coordinator) => coordinator.kill().await,
            None => bail!("the coordinator is not running"),
        }
    }

    pub fn coordinator_log(&self) -> String {
        self.coordinator
            .as_ref()
            .map(ManagedProcess::log)
            .unwrap_or_default()
    }

    /// Every process log of this cluster so far, concatenated (also the files in `dir`).
    pub fn all_logs(&self) -> String {
        let mut logs = String::new();
        if let Ok(entries) = std::fs::read_dir(self.dir.path()) {
            let mut paths: Vec<_> = entries
                .flatten()
                .map(|entry| entry.path())
                .filter(|p| p.extension().is_some_and(|e| e == "log"))
                .collect();
            paths.sort();
            for path in paths {
                logs.push_str(&format!("===== {} =====\n", path.display()));
                logs.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
            }
        }
        logs
    }

    pub async fn jobs_client(&self) -> anyhow::Result<JobServiceClient<Channel>> {
        Ok(JobServiceClient::connect(self.grpc_url()).await?)
    }

    pub async fn cluster_client(&self) -> anyhow::Result<ClusterServiceClient<Channel>> {
        Ok(ClusterServiceClient::connect(self.grpc_url()).await?)
    }

    pub async fn usage_client(&self) -> anyhow::Result<UsageServiceClient<Channel>> {
        Ok(UsageServiceClient::connect(self.grpc_url()).await?)
    }

    pub async fn memory_client(&self) -> anyhow::Result<MemoryServiceClient<Channel>> {
        Ok(MemoryServiceClient::connect(self.grpc_url()).await?)
    }

    pub async fn node(&self, name: &str) -> anyhow::Result<Node> {
        let nodes = self
            .cluster_client()
            .await?
            .list_nodes(ListNodesRequest::default())
            .await?
            .into_inner()
            .nodes;
        nodes
            .into_iter()
            .find(|node| node.name == name)
            .with_context(|| format!("coordinator lists no node {name}"))
    }

    pub async fn wait_node_state(
        &self,
        name: &str,
        state: NodeState,
        patience: Patience,
    ) -> anyhow::Result<Node> {
        eventually(
            &format!("{name} to be {state:?}"),
            patience,
            || async move {
                let node = self.node(name).await?;
                if node.state == state as i32 {
                    Ok(node)
                } else {
                    bail!(
                        "{name} is {:?}: {}",
                        NodeState::try_from(node.state),
                        node.state_reason
                    )
                }
            },
        )
        .await
    }
}

impl Drop for TestCluster {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!(
                "---- logs of the failed test's cluster ----\n{}",
                self.all_logs()
            );
            // Keep the directory (configs, logs, job store) for a look after the run.
            self.dir.disable_cleanup(true);
            eprintln!("cluster files kept in {}", self.dir.path().display());
        }
    }
}
