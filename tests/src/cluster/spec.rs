//! What cluster a test wants: its nodes (with the models their Ollama has), routes and timings.

use std::time::Duration;

#[derive(Debug, Clone)]
pub struct NodeSpec {
    pub name: String,
    pub models: Vec<String>,
    pub max_parallel: u32,
    /// Set for a cloud provider's node: its agent serves a stand-in provider, not an Ollama.
    pub provider: Option<ProviderSpec>,
}

/// A provider node's agent settings: `backend`, the stand-in's `base_url`, the key (put in the
/// backend's variable, e.g. `GROQ_API_KEY`), and more agent TOML (`models = [...]`, …).
#[derive(Debug, Clone)]
pub struct ProviderSpec {
    pub backend: String,
    pub base_url: String,
    pub api_key: String,
    pub agent_toml: String,
}

impl ProviderSpec {
    /// The variable the agent reads the key from by default.
    pub fn key_env(&self) -> &'static str {
        match self.backend.as_str() {
            "gemini" => "GEMINI_API_KEY",
            "anthropic" => "ANTHROPIC_API_KEY",
            _ => "GROQ_API_KEY",
        }
    }
}

impl NodeSpec {
    pub fn new(name: &str, models: &[&str]) -> Self {
        Self {
            name: name.to_owned(),
            models: models.iter().map(|m| (*m).to_owned()).collect(),
            max_parallel: 1,
            provider: None,
        }
    }

    /// A provider node named `name` whose agent has `backend` ("groq", "gemini",
    /// "anthropic") and talks to `base_url` with `api_key`. Unless its `agent_toml` says
    /// otherwise, the agent asks for the model list every second (so a test sees a retired
    /// model or a refused key soon).
    pub fn provider(name: &str, backend: &str, base_url: &str, api_key: &str) -> Self {
        Self {
            name: name.to_owned(),
            models: Vec::new(),
            max_parallel: 4,
            provider: Some(ProviderSpec {
                backend: backend.to_owned(),
                base_url: base_url.to_owned(),
                api_key: api_key.to_owned(),
                agent_toml: String::new(),
            }),
        }
    }

    /// More lines for a provider node's agent TOML (`models = [...]`, `request_timeout`).
    pub fn agent_toml(mut self, lines: &str) -> Self {
        if let Some(provider) = &mut self.provider {
            provider.agent_toml.push_str(lines);
            provider.agent_toml.push('\n');
        }
        self
    }

    pub fn max_parallel(mut self, slots: u32) -> Self {
        self.max_parallel = slots;
        self
    }
}

#[derive(Debug, Clone)]
pub struct ClusterSpec {
    pub nodes: Vec<NodeSpec>,
    pub routes: Vec<(String, Vec<String>)>,
    pub heartbeat_timeout: Duration,
    /// The coordinator's `disconnect_grace`; zero (a lost link loses the node at once) unless
    /// a scenario is about flaps.
    pub disconnect_grace: Duration,
    pub queue_capacity: usize,
    /// Appended to the coordinator's TOML (e.g. an `[alerts]` table).
    pub extra_coordinator_toml: String,
    /// Extra environment for the coordinator process (e.g. `DISCORD_WEBHOOK_URL`).
    pub coordinator_env: Vec<(String, String)>,
    /// Extra environment for every agent process (e.g. `OTEL_EXPORTER_OTLP_ENDPOINT`).
    pub agent_env: Vec<(String, String)>,
    /// Where the cluster's temp dir (the coordinator's data dir, configs, logs) is made, e.g.
    /// `/dev/shm` to keep fsync off the disk; `None`: the system's temp dir.
    pub temp_root: Option<std::path::PathBuf>,
}

impl ClusterSpec {
    /// The operator's cluster: contabo and homelab with qwen, davas with gemma4 (pinned there).
    pub fn three_hosts() -> Self {
        Self {
            nodes: vec![
                NodeSpec::new("contabo", &["qwen2.5:14b", "llama3.2:3b"]),
                NodeSpec::new("homelab", &["qwen2.5:14b", "nomic-embed-text:latest"]),
                NodeSpec::new("davas", &["gemma4:27b", "qwen2.5:14b"]),
            ],
            routes: vec![("gemma4:27b".to_owned(), vec!["davas".to_owned()])],
            heartbeat_timeout: Duration::from_secs(2),
            disconnect_grace: Duration::ZERO,
            queue_capacity: 4,
            extra_coordinator_toml: String::new(),
            coordinator_env: Vec::new(),
            agent_env: Vec::new(),
            temp_root: None,
        }
    }

    pub fn with_node(mut self, node: NodeSpec) -> Self {
        self.nodes.retain(|existing| existing.name != node.name);
        self.nodes.push(node);
        self
    }

    pub fn coordinator_env(mut self, key: &str, value: &str) -> Self {
        self.coordinator_env
            .push((key.to_owned(), value.to_owned()));
        self
    }

    pub fn agent_env(mut self, key: &str, value: &str) -> Self {
        self.agent_env.push((key.to_owned(), value.to_owned()));
        self
    }

    pub fn coordinator_toml(&self, grpc_port: u16, http_port: u16, data_dir: &str) -> String {
        let mut text = format!(
            "grpc_addr = \"127.0.0.1:{grpc_port}\"\nhttp_addr = \"127.0.0.1:{http_port}\"\ndata_dir = \"{data_dir}\"\nheartbeat_timeout = \"{}ms\"\ndisconnect_grace = \"{}ms\"\nqueue_capacity = {}\n",
            self.heartbeat_timeout.as_millis(),
            self.disconnect_grace.as_millis(),
            self.queue_capacity
        );
        for node in &self.nodes {
            text.push_str(&format!(
                "\n[[nodes]]\nname = \"{}\"\ntoken_env = \"{}\"\n",
                node.name,
                token_env(&node.name)
            ));
        }
        text.push_str(&self.extra_coordinator_toml);
        for (model, nodes) in &self.routes {
            let list: Vec<String> = nodes.iter().map(|node| format!("\"{node}\"")).collect();
            text.push_str(&format!(
                "\n[[routes]]\nmodel = \"{model}\"\nnodes = [{}]\n",
                list.join(", ")
            ));
        }
        text
    }
}

/// The environment variable that holds a node's token for the coordinator.
pub fn token_env(node: &str) -> String {
    format!(
        "RUNNER_TOKEN_{}",
        node.to_ascii_uppercase().replace(['-', '.'], "_")
    )
}

/// A token per node, different for every node and every test run.
pub fn token_for(node: &str, salt: u128) -> String {
    format!("test-token-{node}-{salt:x}")
}
