//! `runner-agent --check-config`: builds what start-up builds from a config (the backend's
//! client, the coordinator's address) without connecting anywhere, and sums it up in one line.

use crate::config::Config;

use super::AgentError;
use super::backend_for::backend_for;

/// One line saying what this config would run, or the first reason it cannot.
pub fn check_config(config: &Config) -> Result<String, AgentError> {
    let backend = backend_for(config)?;
    let models = match &config.provider {
        Some(provider) if !provider.models.is_empty() => {
            format!(", models {}", provider.models.join(", "))
        }
        _ => String::new(),
    };
    let over = if config.tls.is_some() {
        " over mutual TLS"
    } else {
        ""
    };
    Ok(format!(
        "config ok: node {} ({} at {}{models}) joins coordinator {}{over}, max_parallel {}",
        config.node,
        backend.name(),
        backend.address(),
        config.coordinator_url,
        config.max_parallel,
    ))
}

#[cfg(test)]
mod tests;
