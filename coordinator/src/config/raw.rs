//! The configuration as written: every key optional, unknown keys refused.

use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConfig {
    pub grpc_addr: Option<String>,
    pub http_addr: Option<String>,
    pub data_dir: Option<String>,
    pub heartbeat_timeout: Option<String>,
    pub queue_capacity: Option<i64>,
    pub max_prompt_bytes: Option<i64>,
    pub log_format: Option<String>,
    #[serde(default)]
    pub nodes: Vec<RawNode>,
    #[serde(default)]
    pub routes: Vec<RawRoute>,
    /// Each part's own table, parsed (and its problems listed) by that part.
    pub web: Option<settings::toml::Table>,
    pub mcp: Option<settings::toml::Table>,
    pub alerts: Option<settings::toml::Table>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawNode {
    pub name: String,
    pub token_env: Option<String>,
    #[serde(default)]
    pub labels: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRoute {
    pub model: String,
    pub nodes: Vec<String>,
}
