//! The agent configuration as written: every key optional, unknown keys refused.

use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConfig {
    pub node: Option<String>,
    pub coordinator: Option<String>,
    pub ollama_url: Option<String>,
    pub max_parallel: Option<i64>,
    pub probe_interval: Option<RawDuration>,
    pub host_facts_interval: Option<RawDuration>,
    pub log_format: Option<String>,
    pub backend: Option<String>,
    pub base_url: Option<String>,
    pub api_key_env: Option<String>,
    pub models: Option<Vec<String>>,
    pub request_timeout: Option<RawDuration>,
    pub max_tokens_default: Option<i64>,
    pub list_interval: Option<RawDuration>,
    pub tls_ca: Option<String>,
    pub tls_cert: Option<String>,
    pub tls_key: Option<String>,
}

impl RawConfig {
    /// Whether a provider-only key was given.
    pub fn has(&self, key: &str) -> bool {
        match key {
            "base_url" => self.base_url.is_some(),
            "api_key_env" => self.api_key_env.is_some(),
            "models" => self.models.is_some(),
            "request_timeout" => self.request_timeout.is_some(),
            "max_tokens_default" => self.max_tokens_default.is_some(),
            "list_interval" => self.list_interval.is_some(),
            _ => false,
        }
    }
}

/// A duration as written: `"500ms"`, `"5s"`, or a bare number of seconds (which an environment
/// override such as `RUNNER_PROBE_INTERVAL=2` turns into a TOML number).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum RawDuration {
    Text(String),
    Seconds(f64),
}
