//! Watches this node's backend: every `probe_interval` it asks the backend for its
//! [`BackendHealth`] and publishes it only when something changed, so an idle, healthy node
//! does not wake the link. For Ollama that is `/api/version`, `/api/tags` and `/api/ps` (and
//! `/api/show` for a model version it has not seen: `capabilities.rs`): [`probe_with`].

mod capabilities;

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;
use tokio::time::MissedTickBehavior;
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use crate::backend::Backend;
pub use crate::backend::BackendHealth;
use crate::ollama::OllamaClient;
pub use capabilities::CapabilityCache;

pub struct Prober {
    backend: Arc<dyn Backend>,
    interval: Duration,
    health: watch::Sender<BackendHealth>,
}

impl Prober {
    pub fn new(
        backend: Arc<dyn Backend>,
        interval: Duration,
    ) -> (Self, watch::Receiver<BackendHealth>) {
        let (health, receiver) = watch::channel(BackendHealth::not_probed_yet());
        let prober = Self {
            backend,
            interval,
            health,
        };
        (prober, receiver)
    }

    pub async fn run(self, shutdown: CancellationToken) {
        let mut ticks = tokio::time::interval(self.interval);
        // A probe that takes its full timeout must not be followed by a burst of catch-up ones.
        ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
        let changes = self.backend.changes();
        loop {
            tokio::select! {
                _ = shutdown.cancelled() => return,
                _ = ticks.tick() => {}
                // What a job just learnt (a rate limit, a gone model) is published at once.
                () = wait_for(changes.as_deref()) => {}
            }
            let snapshot = tokio::select! {
                _ = shutdown.cancelled() => return,
                snapshot = self.backend.probe() => snapshot,
            };
            self.publish(snapshot);
        }
    }

    /// Publishes `snapshot` when it differs from the last one; returns whether it did.
    fn publish(&self, snapshot: BackendHealth) -> bool {
        self.health.send_if_modified(|current| {
            if *current == snapshot {
                return false;
            }
            log_change(
                current,
                &snapshot,
                self.backend.name(),
                self.backend.address(),
            );
            *current = snapshot;
            true
        })
    }
}

async fn wait_for(changes: Option<&tokio::sync::Notify>) {
    match changes {
        Some(changes) => changes.notified().await,
        None => std::future::pending().await,
    }
}

/// [`probe_once`], with each installed model's capabilities from `capabilities`.
pub async fn probe_with(
    ollama: &OllamaClient,
    capabilities: &mut CapabilityCache,
) -> BackendHealth {
    let mut snapshot = probe_once(ollama).await;
    if snapshot.reachable {
        capabilities.fill(ollama, &mut snapshot.installed).await;
    }
    snapshot
}

/// Asks all three endpoints at once; Ollama counts as reachable only when all three answer.
pub async fn probe_once(ollama: &OllamaClient) -> BackendHealth {
    let (version, installed, loaded) = tokio::join!(ollama.version(), ollama.tags(), ollama.ps());
    match (version, installed, loaded) {
        (Ok(version), Ok(mut installed), Ok(mut loaded)) => {
            installed.sort_by(|left, right| left.name.cmp(&right.name));
            loaded.sort_by(|left, right| left.name.cmp(&right.name));
            BackendHealth {
                unavailable: Vec::new(),
                reachable: true,
                version,
                error: String::new(),
                installed,
                loaded,
            }
        }
        (Err(error), _, _) | (_, Err(error), _) | (_, _, Err(error)) => BackendHealth {
            error: error.to_string(),
            ..BackendHealth::default()
        },
    }
}

fn log_change(before: &BackendHealth, after: &BackendHealth, backend: &str, address: &str) {
    match (before.reachable, after.reachable) {
        (false, true) => info!(
            backend,
            address,
            version = %after.version,
            installed = after.installed.len(),
            loaded = after.loaded.len(),
            unavailable = after.unavailable.len(),
            "{backend} answers"
        ),
        (_, false) if before.error != after.error => {
            warn!(backend, address, error = %after.error, "{backend} is not answering")
        }
        _ => info!(
            backend,
            address,
            installed = ?names(after.installed.iter().map(|model| &model.name)),
            loaded = ?names(after.loaded.iter().map(|model| &model.name)),
            unavailable = ?after.unavailable.iter().map(|model| format!("{}: {}", model.model, model.reason)).collect::<Vec<_>>(),
            "{backend} models changed"
        ),
    }
}

fn names<'a>(names: impl Iterator<Item = &'a String>) -> Vec<&'a str> {
    names.map(String::as_str).collect()
}

#[cfg(test)]
mod tests;
