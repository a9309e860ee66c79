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
}

/// A duration as written: `"500ms"`, `"5s"`, or a bare number of seconds (which an environment
/// override such as `RUNNER_PROBE_INTERVAL=2` turns into a TOML number).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum RawDuration {
    Text(String),
    Seconds(f64),
}
