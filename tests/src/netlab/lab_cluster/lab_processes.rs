//! How a [`super::LabCluster`] starts its real processes inside their namespaces: the
//! coordinator's config file and launch (kept, so a SIGKILLed coordinator comes back with the
//! same config, data dir and addresses), and each agent's.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use crate::cluster::{ManagedProcess, binary_path};
use crate::netlab::NetLab;

/// The coordinator's heartbeat timeout in the lab: a silent node is disconnected after this.
pub const HEARTBEAT_TIMEOUT: &str = "2s";
/// The coordinator's default `disconnect_grace` in the lab: a disconnected node is lost after
/// this.
pub const DISCONNECT_GRACE: &str = "10s";

/// What a lab's processes may be asked to do beyond the defaults.
#[derive(Debug, Clone)]
pub struct LabSettings {
    /// Each agent's `max_parallel` (jobs it runs at once against its Ollama).
    pub max_parallel: u32,
    /// The coordinator's `queue_capacity` (jobs waiting per node); `None`: its default.
    pub queue_capacity: Option<u32>,
    /// The coordinator's `disconnect_grace`: how long a silent node's running jobs are held
    /// before `node_lost`.
    pub disconnect_grace: &'static str,
    /// A stand-in Discord on this process's loopback, made reachable at the same address from
    /// the coordinator's namespace and set as its `DISCORD_WEBHOOK_URL`.
    pub discord_webhook: Option<(SocketAddr, String)>,
    /// Appended to the coordinator's TOML (an `[alerts]` table, …).
    pub extra_coordinator_toml: String,
}

impl Default for LabSettings {
    fn default() -> Self {
        Self {
            max_parallel: 1,
            queue_capacity: None,
            disconnect_grace: DISCONNECT_GRACE,
            discord_webhook: None,
            extra_coordinator_toml: String::new(),
        }
    }
}

/// Everything needed to start the coordinator again exactly as before.
pub(super) struct CoordinatorLaunch {
    args: Vec<String>,
    tokens: Vec<(String, String)>,
    dir: PathBuf,
}

impl CoordinatorLaunch {
    /// Writes the coordinator's config into `dir` (its data dir is `dir/data`).
    pub fn write(
        lab: &NetLab,
        dir: &Path,
        grpc: SocketAddr,
        nodes: &[(&str, &[&str])],
        routes: &[(&str, &str)],
        settings: &LabSettings,
    ) -> anyhow::Result<Self> {
        // The HTTP side stays on the namespace's loopback: the test needs only gRPC.
        let mut toml = format!(
            "grpc_addr = \"{grpc}\"\nhttp_addr = \"127.0.0.1:8000\"\ndata_dir = \"{}\"\n\
             heartbeat_timeout = \"{HEARTBEAT_TIMEOUT}\"\ndisconnect_grace = \"{}\"\n",
            dir.join("data").display(),
            settings.disconnect_grace
        );
        if let Some(capacity) = settings.queue_capacity {
            toml.push_str(&format!("queue_capacity = {capacity}\n"));
        }
        let mut tokens = Vec::new();
        if let Some((_, webhook)) = &settings.discord_webhook {
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
        toml.push_str(&settings.extra_coordinator_toml);
        let config = dir.join("coordinator.toml");
        std::fs::write(&config, toml)?;
        let args = in_namespace(
            lab,
            "coordinator",
            &binary_path("runner")?,
            &["serve", "--config"],
            &config,
        );
        Ok(Self {
            args,
            tokens,
            dir: dir.to_owned(),
        })
    }

    /// Starts the coordinator; every start appends to the same `coordinator.log`.
    pub fn spawn(&self) -> anyhow::Result<ManagedProcess> {
        ManagedProcess::spawn(
            "coordinator",
            Path::new("ip"),
            &self.args,
            &self.tokens,
            &self.dir,
        )
    }
}

pub(super) fn start_agent(
    lab: &NetLab,
    dir: &Path,
    node: &str,
    coordinator: SocketAddr,
    ollama_url: &str,
    settings: &LabSettings,
) -> anyhow::Result<ManagedProcess> {
    let config = dir.join(format!("agent-{node}.toml"));
    std::fs::write(
        &config,
        format!(
            "node = \"{node}\"\ncoordinator = \"http://{coordinator}\"\n\
             ollama_url = \"{ollama_url}\"\nprobe_interval = \"250ms\"\nmax_parallel = {}\n",
            settings.max_parallel
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
