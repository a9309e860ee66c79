//! `runner serve`'s configuration: the core's, plus the tables of the parts mounted beside it
//! (`[web]`, `[mcp]`, `[alerts]`), each parsed by its part; every problem is listed at once.

use std::path::Path;

use coordinator::config::{CoordinatorConfig, PartTables};
use settings::{ConfigError, EnvSource, Problems};

#[derive(Debug, Clone)]
pub struct RunnerConfig {
    pub core: CoordinatorConfig,
    pub parts: PartsConfig,
}

#[derive(Debug, Clone)]
pub struct PartsConfig {
    pub web: web::WebConfig,
    pub mcp: mcp::McpConfig,
    pub alerts: alerts::AlertsConfig,
}

impl RunnerConfig {
    pub fn load(file: Option<&Path>, env: &dyn EnvSource) -> Result<Self, ConfigError> {
        let (core, parts) = CoordinatorConfig::load_with_parts(file, env, PartsConfig::parse)?;
        Ok(Self { core, parts })
    }
}

impl PartsConfig {
    fn parse(tables: &PartTables, env: &dyn EnvSource, problems: &mut Problems) -> Self {
        Self {
            web: web::WebConfig::from_settings(tables.web.as_ref(), env, problems),
            mcp: mcp::McpConfig::from_settings(tables.mcp.as_ref(), env, problems),
            alerts: alerts::AlertsConfig::from_settings(tables.alerts.as_ref(), env, problems),
        }
    }
}

#[cfg(test)]
mod tests;
