//! The agent's configuration: one typed struct, read from an optional TOML file with
//! `RUNNER_*` environment overrides and the token from `RUNNER_AGENT_TOKEN`, validated with
//! every problem listed.

mod dev_provider;
mod link_tls;
mod provider;
mod raw;
mod validate;

#[cfg(test)]
mod tests;

use std::path::Path;
use std::time::Duration;

pub use dev_provider::VENDORS;
pub use link_tls::LinkTls;
pub use provider::{ProviderConfig, Vendor};
use settings::{ConfigError, EnvSource, Key, Kind, Problems, Secret};
/// How log lines look (`log_format`); shared with the coordinator through the telemetry crate.
pub use telemetry::LogFormat;

/// Every key the agent's config takes; each can also be set as `RUNNER_<KEY>`
/// (`RUNNER_NODE=davas`, `RUNNER_PROBE_INTERVAL=2`).
pub const KEYS: &[Key] = &[
    Key::optional("node", Kind::Text),
    Key::optional("coordinator", Kind::Text),
    Key::optional("ollama_url", Kind::Text),
    Key::optional("max_parallel", Kind::WholeNumber),
    Key::optional("probe_interval", Kind::Duration),
    Key::optional("host_facts_interval", Kind::Duration),
    Key::optional("log_format", Kind::Text),
    Key::optional("backend", Kind::Text),
    Key::optional("base_url", Kind::Text),
    Key::optional("api_key_env", Kind::Text),
    Key::optional("models", Kind::TextList),
    Key::optional("request_timeout", Kind::Duration),
    Key::optional("max_tokens_default", Kind::WholeNumber),
    Key::optional("list_interval", Kind::Duration),
    Key::optional("tls_ca", Kind::Text),
    Key::optional("tls_cert", Kind::Text),
    Key::optional("tls_key", Kind::Text),
];

/// The environment variable holding this node's token (never a config file key).
pub const TOKEN_ENV: &str = "RUNNER_AGENT_TOKEN";

pub(crate) const DEFAULT_COORDINATOR_URL: &str = "http://127.0.0.1:7070";
pub(crate) const DEFAULT_OLLAMA_URL: &str = "http://127.0.0.1:11434";
pub(crate) const DEFAULT_MAX_PARALLEL: u32 = 1;
pub(crate) const DEFAULT_PROBE_INTERVAL: Duration = Duration::from_secs(1);
pub(crate) const DEFAULT_HOST_FACTS_INTERVAL: Duration = Duration::from_secs(10);

#[derive(Debug, Clone)]
pub struct Config {
    /// This node's name as the coordinator's `[[nodes]]` lists it.
    pub node: String,
    /// Where the coordinator's gRPC server listens, e.g. `http://100.64.0.1:7070`.
    pub coordinator_url: String,
    /// This host's Ollama, e.g. `http://127.0.0.1:11434`.
    pub ollama_url: String,
    /// How many jobs this node runs at once.
    pub max_parallel: u32,
    /// How often Ollama is probed (`/api/version`, `/api/tags`, `/api/ps`).
    pub probe_interval: Duration,
    /// How often host facts (memory, disk, load) are read.
    pub host_facts_interval: Duration,
    pub log_format: LogFormat,
    /// Sent as `authorization: Bearer <token>`; prints as `***`.
    pub token: Secret,
    /// Set for a provider node (`backend = "groq"` …): then `ollama_url` is not used.
    pub provider: Option<ProviderConfig>,
    /// Mutual TLS to an `https://` coordinator (`tls_ca`, `tls_cert`, `tls_key`).
    pub tls: Option<LinkTls>,
}

impl Config {
    /// Reads `file` (when given) with overrides and the token from `env`.
    pub fn load(file: Option<&Path>, env: &dyn EnvSource) -> Result<Self, ConfigError> {
        let mut problems = Problems::default();
        let raw: raw::RawConfig = settings::load_raw(file, env, KEYS, &mut problems);
        validate::validate(raw, env, problems)
    }

    /// The agent that `runner dev` starts in-process: defaults for everything but the names
    /// and addresses it chooses.
    pub fn for_dev(
        node: impl Into<String>,
        coordinator_url: impl Into<String>,
        ollama_url: impl Into<String>,
        token: Secret,
    ) -> Self {
        Self {
            node: node.into(),
            coordinator_url: coordinator_url.into(),
            ollama_url: ollama_url.into(),
            max_parallel: DEFAULT_MAX_PARALLEL,
            probe_interval: DEFAULT_PROBE_INTERVAL,
            host_facts_interval: DEFAULT_HOST_FACTS_INTERVAL,
            log_format: LogFormat::Text,
            token,
            provider: None,
            tls: None,
        }
    }
}
