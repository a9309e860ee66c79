//! Watches this host's Ollama: every `probe_interval` it asks `/api/version`, `/api/tags` and
//! `/api/ps` (and `/api/show` for a model version it has not seen: `capabilities.rs`), and
//! publishes an [`OllamaHealth`] snapshot only when something changed, so an
//! idle, healthy node does not wake the link.

mod capabilities;

use std::time::Duration;

use proto::v1::{InstalledModel, LoadedModel};
use tokio::sync::watch;
use tokio::time::MissedTickBehavior;
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use crate::ollama::OllamaClient;
pub use capabilities::CapabilityCache;

/// What the node tells the coordinator about its Ollama.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OllamaHealth {
    pub reachable: bool,
    pub version: String,
    /// Why Ollama is not reachable; empty while it answers.
    pub error: String,
    /// Sorted by name, so that equal sets compare equal.
    pub installed: Vec<InstalledModel>,
    /// Sorted by name.
    pub loaded: Vec<LoadedModel>,
}

impl OllamaHealth {
    /// The state before the first probe has answered.
    pub fn not_probed_yet() -> Self {
        Self {
            error: "not probed yet".to_owned(),
            ..Self::default()
        }
    }
}

pub struct Prober {
    ollama: OllamaClient,
    interval: Duration,
    health: watch::Sender<OllamaHealth>,
}

impl Prober {
    pub fn new(ollama: OllamaClient, interval: Duration) -> (Self, watch::Receiver<OllamaHealth>) {
        let (health, receiver) = watch::channel(OllamaHealth::not_probed_yet());
        let prober = Self {
            ollama,
            interval,
            health,
        };
        (prober, receiver)
    }

    pub async fn run(self, shutdown: CancellationToken) {
        let mut ticks = tokio::time::interval(self.interval);
        // A probe that takes its full timeout must not be followed by a burst of catch-up ones.
        ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
        let mut capabilities = CapabilityCache::default();
        loop {
            tokio::select! {
                _ = shutdown.cancelled() => return,
                _ = ticks.tick() => {}
            }
            let snapshot = tokio::select! {
                _ = shutdown.cancelled() => return,
                snapshot = probe_with(&self.ollama, &mut capabilities) => snapshot,
            };
            self.publish(snapshot);
        }
    }

    /// Publishes `snapshot` when it differs from the last one; returns whether it did.
    fn publish(&self, snapshot: OllamaHealth) -> bool {
        self.health.send_if_modified(|current| {
            if *current == snapshot {
                return false;
            }
            log_change(current, &snapshot, self.ollama.base_url());
            *current = snapshot;
            true
        })
    }
}

/// [`probe_once`], with each installed model's capabilities from `capabilities`.
pub async fn probe_with(ollama: &OllamaClient, capabilities: &mut CapabilityCache) -> OllamaHealth {
    let mut snapshot = probe_once(ollama).await;
    if snapshot.reachable {
        capabilities.fill(ollama, &mut snapshot.installed).await;
    }
    snapshot
}

/// Asks all three endpoints at once; Ollama counts as reachable only when all three answer.
pub async fn probe_once(ollama: &OllamaClient) -> OllamaHealth {
    let (version, installed, loaded) = tokio::join!(ollama.version(), ollama.tags(), ollama.ps());
    match (version, installed, loaded) {
        (Ok(version), Ok(mut installed), Ok(mut loaded)) => {
            installed.sort_by(|left, right| left.name.cmp(&right.name));
            loaded.sort_by(|left, right| left.name.cmp(&right.name));
            OllamaHealth {
                reachable: true,
                version,
                error: String::new(),
                installed,
                loaded,
            }
        }
        (Err(error), _, _) | (_, Err(error), _) | (_, _, Err(error)) => OllamaHealth {
            error: error.to_string(),
            ..OllamaHealth::default()
        },
    }
}

fn log_change(before: &OllamaHealth, after: &OllamaHealth, ollama_url: &str) {
    match (before.reachable, after.reachable) {
        (false, true) => info!(
            ollama_url,
            version = %after.version,
            installed = after.installed.len(),
            loaded = after.loaded.len(),
            "ollama answers"
        ),
        (_, false) if before.error != after.error => {
            warn!(ollama_url, error = %after.error, "ollama is not answering")
        }
        _ => info!(
            ollama_url,
            installed = ?names(after.installed.iter().map(|model| &model.name)),
            loaded = ?names(after.loaded.iter().map(|model| &model.name)),
            "ollama models changed"
        ),
    }
}

fn names<'a>(names: impl Iterator<Item = &'a String>) -> Vec<&'a str> {
    names.map(String::as_str).collect()
}

#[cfg(test)]
mod tests;
