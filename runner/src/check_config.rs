//! `runner serve --check-config`: what a loaded config would serve, in one line, so a deploy
//! tool (Ansible's `validate:`) can accept a config before it is installed.

use std::path::Path;

use settings::EnvSource;

use crate::config::RunnerConfig;

/// What a usable config prints: its summary, and the warnings start-up would log.
#[derive(Debug)]
pub struct Checked {
    pub summary: String,
    pub warnings: Vec<String>,
}

/// Loads the config and the `OTEL_*` variables as `runner serve` does; `Err` holds every
/// problem, one per line.
pub fn check(
    config_path: &Path,
    env: &dyn EnvSource,
    service_name: &str,
) -> Result<Checked, String> {
    let config = RunnerConfig::load(Some(config_path), env).map_err(|error| error.to_string())?;
    telemetry::OtlpSettings::from_env(env, service_name)
        .map_err(|error| format!("config: {error}"))?;
    Ok(Checked {
        summary: summary(&config),
        warnings: config.warnings.clone(),
    })
}

/// One line naming the listeners, the nodes and the parts switched on; never a secret.
pub fn summary(config: &RunnerConfig) -> String {
    let core = &config.core;
    let parts = &config.parts;
    let nodes: Vec<&str> = core.nodes.iter().map(|node| node.name.as_str()).collect();
    let mut line = format!(
        "config ok: coordinator on grpc {}, http {}, data_dir {}; nodes {}; {}",
        core.grpc_addr,
        core.http_addr,
        core.data_dir.display(),
        if nodes.is_empty() {
            "none".to_owned()
        } else {
            nodes.join(", ")
        },
        counted(core.routes.len(), "route"),
    );
    if !parts.schedules.is_empty() {
        line.push_str(&format!("; {}", counted(parts.schedules.len(), "schedule")));
    }
    if let Some(vault) = &parts.vault {
        line.push_str(&format!("; vault worker on {}", vault.path.display()));
    }
    if let Some(memory) = &parts.memory {
        line.push_str(&format!("; memory over {}", memory.vault.display()));
    }
    let alerts = match parts.alerts.webhook_url {
        Some(_) => "alerts to Discord",
        None => "alerts off",
    };
    line.push_str(&format!("; {alerts}"));
    line
}

fn counted(count: usize, noun: &str) -> String {
    match count {
        1 => format!("1 {noun}"),
        many => format!("{many} {noun}s"),
    }
}

#[cfg(test)]
mod tests;
