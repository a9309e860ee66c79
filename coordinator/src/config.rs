//! The coordinator's configuration: one typed struct, read from a TOML file with `RUNNER_*`
//! environment overrides, node tokens from the environment, validated with every problem listed.

mod agent_tls;
mod raw;
mod spend;
mod validate;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use settings::{ConfigError, EnvSource, Key, Kind, Problems, Secret};
/// How log lines look (`log_format`); shared with the agent through the telemetry crate.
pub use telemetry::LogFormat;

/// Every key the config takes, with what it holds; each top-level one can also be set as
/// `RUNNER_<KEY>` (`RUNNER_HEARTBEAT_TIMEOUT=5s`).
pub const KEYS: &[Key] = &[
    Key::optional("grpc_addr", Kind::Text),
    Key::optional("http_addr", Kind::Text),
    Key::optional("data_dir", Kind::Text),
    Key::optional("heartbeat_timeout", Kind::Duration),
    Key::optional("disconnect_grace", Kind::Duration),
    Key::optional("queue_capacity", Kind::WholeNumber),
    Key::optional("max_prompt_bytes", Kind::WholeNumber),
    Key::optional("log_format", Kind::Text),
    Key::optional("agent_tls_addr", Kind::Text),
    Key::optional("agent_tls_cert", Kind::Text),
    Key::optional("agent_tls_key", Kind::Text),
    Key::optional("agent_tls_client_ca", Kind::Text),
    Key::optional("nodes", Kind::Tables(NODE_KEYS)),
    Key::optional("routes", Kind::Tables(ROUTE_KEYS)),
    Key::optional("prices", Kind::Tables(PRICE_KEYS)),
    Key::optional("budgets", Kind::Tables(BUDGET_KEYS)),
    Key::optional("web", Kind::Open),
    Key::optional("mcp", Kind::Open),
    Key::optional("alerts", Kind::Open),
    Key::optional("memory", Kind::Open),
    Key::optional("vault", Kind::Open),
    Key::optional("schedules", Kind::OpenTables),
];

/// The keys of one `[[nodes]]` entry.
pub const NODE_KEYS: &[Key] = &[
    Key::required("name", Kind::Text),
    Key::optional("token_env", Kind::Text),
    Key::optional("labels", Kind::TextList),
];

/// The keys of one `[[routes]]` entry.
pub const ROUTE_KEYS: &[Key] = &[
    Key::required("model", Kind::Text),
    Key::required("nodes", Kind::TextList),
];

/// The keys of one `[[prices]]` entry (USD per million tokens).
pub const PRICE_KEYS: &[Key] = &[
    Key::required("model", Kind::Text),
    Key::required("input_per_mtok", Kind::Number),
    Key::required("output_per_mtok", Kind::Number),
    Key::optional("cached_input_per_mtok", Kind::Number),
];

/// The keys of one `[[budgets]]` entry: what it caps, and at least one limit.
pub const BUDGET_KEYS: &[Key] = &[
    Key::optional("name", Kind::Text),
    Key::optional("model", Kind::Text),
    Key::optional("node", Kind::Text),
    Key::optional("daily_usd", Kind::Number),
    Key::optional("monthly_usd", Kind::Number),
    Key::optional("daily_tokens", Kind::WholeNumber),
];

pub use agent_tls::AgentTlsConfig;
pub use spend::{BudgetConfig, PriceConfig, SpendConfig};

#[derive(Debug, Clone)]
pub struct CoordinatorConfig {
    pub grpc_addr: SocketAddr,
    pub http_addr: SocketAddr,
    pub data_dir: PathBuf,
    /// A connected node that sends nothing for this long is down (its stream is closed).
    pub heartbeat_timeout: Duration,
    /// How long a node whose link dropped is held `disconnected` (its running jobs kept, to
    /// resume if its agent re-attaches) before it is lost and they fail or retry; 0: at once.
    pub disconnect_grace: Duration,
    /// How many jobs may wait for a slot on one node before submits see "queue full".
    pub queue_capacity: usize,
    /// The largest prompt (all messages or texts together) a job may carry, in bytes.
    pub max_prompt_bytes: usize,
    pub log_format: LogFormat,
    /// The mutual-TLS agent listener (`agent_tls_*`); `None`: agents use `grpc_addr` only.
    pub agent_tls: Option<AgentTlsConfig>,
    pub nodes: Vec<NodeConfig>,
    /// Model name -> the nodes allowed to serve it, in config order.
    pub routes: BTreeMap<String, Vec<String>>,
    /// `[[prices]]` and `[[budgets]]`.
    pub spend: SpendConfig,
}

/// The tables of the parts a composition root mounts beside the core (`[web]`, `[mcp]`,
/// `[alerts]`), as written: the core only knows their names, each part parses its own.
#[derive(Debug, Clone, Default)]
pub struct PartTables {
    pub web: Option<settings::toml::Table>,
    pub mcp: Option<settings::toml::Table>,
    pub alerts: Option<settings::toml::Table>,
    pub memory: Option<settings::toml::Table>,
    pub vault: Option<settings::toml::Table>,
    /// `[[schedules]]`, one table per schedule.
    pub schedules: Vec<settings::toml::Table>,
}

#[derive(Debug, Clone)]
pub struct NodeConfig {
    pub name: String,
    pub labels: Vec<String>,
    /// The environment variable the token came from, to name it in log lines.
    pub token_env: String,
    pub token: Secret,
}

impl CoordinatorConfig {
    /// Reads `file` (when given) with overrides and secrets from `env`; the parts' tables
    /// are ignored (a core without parts, as the tests run it).
    pub fn load(file: Option<&Path>, env: &dyn EnvSource) -> Result<Self, ConfigError> {
        Self::load_with_parts(file, env, |_, _, _| ()).map(|(config, ())| config)
    }

    /// Reads the core's config and hands the parts' tables to `parse_parts`, so a bad key in
    /// a part is listed with every other problem, and start-up fails once with all of them.
    pub fn load_with_parts<Parts>(
        file: Option<&Path>,
        env: &dyn EnvSource,
        parse_parts: impl FnOnce(&PartTables, &dyn EnvSource, &mut Problems) -> Parts,
    ) -> Result<(Self, Parts), ConfigError> {
        let mut problems = Problems::default();
        let mut raw: raw::RawConfig = settings::load_raw(file, env, KEYS, &mut problems);
        let tables = PartTables {
            web: raw.web.take(),
            mcp: raw.mcp.take(),
            alerts: raw.alerts.take(),
            memory: raw.memory.take(),
            vault: raw.vault.take(),
            schedules: raw.schedules.take().unwrap_or_default(),
        };
        let core = validate::validate(raw, env, &mut problems);
        let parts = parse_parts(&tables, env, &mut problems);
        problems.finish(|| (core, parts))
    }

    /// The address the gRPC listener really bound (the configured one may say port 0).
    pub fn grpc_addr_bound(&self, listener: &tokio::net::TcpListener) -> SocketAddr {
        listener.local_addr().unwrap_or(self.grpc_addr)
    }

    pub fn http_addr_bound(&self, listener: &tokio::net::TcpListener) -> SocketAddr {
        listener.local_addr().unwrap_or(self.http_addr)
    }

    pub fn node(&self, name: &str) -> Option<&NodeConfig> {
        self.nodes.iter().find(|node| node.name == name)
    }
}
