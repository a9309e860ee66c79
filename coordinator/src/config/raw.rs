//! The configuration as written: every key optional, unknown keys refused.

use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConfig {
    pub grpc_addr: Option<String>,
    pub http_addr: Option<String>,
    pub data_dir: Option<String>,
    pub heartbeat_timeout: Option<String>,
    pub disconnect_grace: Option<String>,
    pub queue_capacity: Option<i64>,
    pub max_prompt_bytes: Option<i64>,
    pub log_format: Option<String>,
    pub agent_tls_addr: Option<String>,
    pub agent_tls_cert: Option<String>,
    pub agent_tls_key: Option<String>,
    pub agent_tls_client_ca: Option<String>,
    #[serde(default)]
    pub nodes: Vec<RawNode>,
    #[serde(default)]
    pub routes: Vec<RawRoute>,
    #[serde(default)]
    pub prices: Vec<RawPrice>,
    #[serde(default)]
    pub budgets: Vec<RawBudget>,
    /// Each part's own table, parsed (and its problems listed) by that part.
    pub web: Option<settings::toml::Table>,
    pub mcp: Option<settings::toml::Table>,
    pub alerts: Option<settings::toml::Table>,
    pub memory: Option<settings::toml::Table>,
    pub vault: Option<settings::toml::Table>,
    pub schedules: Option<Vec<settings::toml::Table>>,
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPrice {
    pub model: String,
    pub input_per_mtok: f64,
    pub output_per_mtok: f64,
    pub cached_input_per_mtok: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBudget {
    pub name: Option<String>,
    pub model: Option<String>,
    pub node: Option<String>,
    pub daily_usd: Option<f64>,
    pub monthly_usd: Option<f64>,
    pub daily_tokens: Option<i64>,
}
