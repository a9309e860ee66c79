//! `runner serve`'s configuration: the core's, plus the tables of the parts mounted beside it
//! (`[web]`, `[mcp]`, `[alerts]`, `[memory]`, `[vault]`, `[[schedules]]`), each parsed by its part; every problem is listed at once.
//! The compatible API takes only its token from the environment, and a token is required
//! when `http_addr` is reachable beyond loopback and Tailscale.

use std::path::Path;

use coordinator::config::{CoordinatorConfig, PartTables};
use settings::{ConfigError, EnvSource, Problems};

#[derive(Debug, Clone)]
pub struct RunnerConfig {
    pub core: CoordinatorConfig,
    pub parts: PartsConfig,
    /// What start-up should warn about once logging runs: `RUNNER_*` variables that set
    /// nothing (a misspelt override).
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct PartsConfig {
    pub web: web::WebConfig,
    /// The OpenAI- and Ollama-compatible API's token (`RUNNER_API_TOKEN`).
    pub api: compat::ApiConfig,
    pub mcp: mcp::McpConfig,
    pub alerts: alerts::AlertsConfig,
    /// `[memory]`; `None`: memory is off.
    pub memory: Option<memory::config::MemoryConfig>,
    /// `[vault]`; `None`: no vault worker in this process.
    pub vault: Option<vault::config_table::VaultSettings>,
    /// `[[schedules]]`, checked (a bad cron or zone is a problem naming the schedule).
    pub schedules: Vec<schedules::ScheduleConfig>,
}

impl RunnerConfig {
    pub fn load(file: Option<&Path>, env: &dyn EnvSource) -> Result<Self, ConfigError> {
        let (core, parts) = CoordinatorConfig::load_with_parts(file, env, PartsConfig::parse)?;
        if let Some(problem) = compat::exposure_problem(core.http_addr, &parts.api) {
            return Err(ConfigError {
                problems: vec![format!("config: {problem}")],
            });
        }
        let warnings = unknown_overrides(env, &core);
        Ok(Self {
            core,
            parts,
            warnings,
        })
    }
}

/// `RUNNER_*` variables that are neither this process's overrides nor the agent's (one `.env`
/// often serves both on a host), nor a token this config names.
fn unknown_overrides(env: &dyn EnvSource, core: &CoordinatorConfig) -> Vec<String> {
    let keys: Vec<&str> = coordinator::config::KEYS
        .iter()
        .chain(agent::config::KEYS)
        .map(|key| key.name)
        .collect();
    let tokens: Vec<&str> = core
        .nodes
        .iter()
        .map(|node| node.token_env.as_str())
        .collect();
    settings::unknown_overrides(env, &keys, &tokens)
}

impl PartsConfig {
    fn parse(tables: &PartTables, env: &dyn EnvSource, problems: &mut Problems) -> Self {
        let web = web::WebConfig::from_settings(tables.web.as_ref(), env, problems);
        let api =
            compat::ApiConfig::from_env(env, web.access_token.as_ref(), web::ACCESS_TOKEN_ENV);
        Self {
            web,
            api,
            mcp: mcp::McpConfig::from_settings(tables.mcp.as_ref(), env, problems),
            alerts: alerts::AlertsConfig::from_settings(tables.alerts.as_ref(), env, problems),
            memory: memory::config::MemoryConfig::from_settings(
                memory_table(tables).as_ref(),
                env,
                problems,
            ),
            vault: vault::config_table::VaultSettings::from_settings(
                tables.vault.as_ref(),
                problems,
            ),
            schedules: schedules::parse_schedules(&tables.schedules, problems),
        }
    }
}

/// `[memory]` with `vault` defaulting to `[vault] path`: memory indexes the vault the worker
/// owns unless told otherwise (DESIGN.md, "Memory").
fn memory_table(tables: &PartTables) -> Option<settings::toml::Table> {
    let mut memory = tables.memory.clone()?;
    let worker_vault = tables
        .vault
        .as_ref()
        .and_then(|vault| vault.get("path"))
        .cloned();
    if let Some(path) = worker_vault.filter(|_| !memory.contains_key("vault")) {
        memory.insert("vault".to_owned(), path);
    }
    Some(memory)
}

#[cfg(test)]
mod tests;
