//! Starts the agent's services (backend prober, host facts, link) and stops them together on
//! shutdown. `runner-agent` calls this, and so does `runner dev` for its in-process agent.

use std::sync::Arc;

use tokio_util::sync::CancellationToken;
use tracing::info;

mod backend_for;
mod check;

pub use check::check_config;

use crate::config::Config;
use crate::error_chain::innermost_cause;
use crate::host_facts::HostFactsService;
use crate::link::{LinkIdentity, LinkService};
use crate::ollama::OllamaError;
use crate::prober::Prober;

#[derive(Debug, thiserror::Error)]
pub enum AgentError {
    #[error("ollama_url `{url}`: {source}")]
    Ollama {
        url: String,
        #[source]
        source: OllamaError,
    },
    #[error(
        "coordinator `{url}` is not a usable address ({reason}); use e.g. http://127.0.0.1:7070"
    )]
    CoordinatorUrl { url: String, reason: String },
    #[error("cannot set up the {vendor} client: {reason}")]
    Provider {
        vendor: &'static str,
        reason: String,
    },
}

/// Runs the agent until `shutdown` is cancelled. Connection trouble (coordinator or Ollama
/// down) is retried, never returned: only unusable settings end it early.
pub async fn run(config: Config, shutdown: CancellationToken) -> Result<(), AgentError> {
    let backend = backend_for::backend_for(&config)?;
    let (prober, health) = Prober::new(Arc::clone(&backend), config.probe_interval);
    let (host_facts, facts) = HostFactsService::new(config.host_facts_interval);
    let identity = LinkIdentity {
        node: config.node.clone(),
        coordinator_url: config.coordinator_url.clone(),
        token: config.token.clone(),
        max_parallel: config.max_parallel,
        tls: config.tls.clone(),
    };
    let link =
        LinkService::new(identity, Arc::clone(&backend), health, facts).map_err(|error| {
            AgentError::CoordinatorUrl {
                url: config.coordinator_url.clone(),
                reason: innermost_cause(&error),
            }
        })?;
    info!(
        node = %config.node,
        coordinator = %config.coordinator_url,
        backend = backend.name(),
        address = %backend.address(),
        max_parallel = config.max_parallel,
        version = env!("CARGO_PKG_VERSION"),
        "runner-agent starting"
    );
    let prober = tokio::spawn(prober.run(shutdown.clone()));
    let host_facts = tokio::spawn(host_facts.run(shutdown.clone()));
    link.run(shutdown.clone()).await;
    // The link returns only on shutdown; the other services see the same token.
    let _ = tokio::join!(prober, host_facts);
    info!(node = %config.node, "runner-agent stopped");
    Ok(())
}
