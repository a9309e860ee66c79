//! The alert service as the coordinator runs it: `start` opens the outbox (resuming what a
//! previous run left unsent) and returns the `/api/alerts` routes; `run` watches the cluster,
//! raises alerts and delivers them until shutdown. A standalone vault worker runs
//! `start_outbox_only`: the same outbox and sender, no cluster watching, fed only through
//! [`Notices`]. With no webhook configured `run` only says once that alerts are off.

mod watch_cluster;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use client::Coordinator;
use settings::Secret;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use crate::config::AlertsConfig;
use crate::counters::AlertCounters;
use crate::discord::{WebhookClient, WebhookClientError};
use crate::http::{AlertsApi, router};
use crate::notices::Notices;
use crate::outbox::{
    AlertStore, DEFAULT_HISTORY_LIMIT, OutboxError, RedbOutbox, resume_interrupted,
};
use crate::sender::AlertSender;
use crate::time_text::Clock;

#[derive(Debug, Clone)]
pub struct AlertsContext {
    /// The coordinator's own gRPC server, the only way the alerter sees the cluster.
    pub grpc_url: String,
    /// Where `alerts.redb` lives.
    pub data_dir: PathBuf,
    pub config: AlertsConfig,
}

#[derive(Debug, thiserror::Error)]
pub enum AlertsError {
    #[error(transparent)]
    Outbox(#[from] OutboxError),
    #[error(transparent)]
    Client(#[from] WebhookClientError),
    #[error("alerts: the coordinator's gRPC address {0} is not a URL; check grpc_addr")]
    GrpcUrl(String),
}

impl From<client::ConnectError> for AlertsError {
    fn from(error: client::ConnectError) -> Self {
        match error {
            client::ConnectError::InvalidUrl { url, .. }
            | client::ConnectError::Unreachable { url, .. } => Self::GrpcUrl(url),
        }
    }
}

/// What a started service with a webhook holds.
struct Enabled {
    store: Arc<dyn AlertStore>,
    client: WebhookClient,
    /// `None` for the outbox-only service: nothing watches the cluster.
    coordinator: Option<Coordinator>,
    /// Tells the sender that new alerts are in the outbox.
    wake: Arc<Notify>,
}

impl Enabled {
    /// Opens `alerts.redb` in `data_dir`, putting back what a previous run was sending.
    fn open(
        data_dir: &Path,
        webhook: &Secret,
        coordinator: Option<Coordinator>,
    ) -> Result<Self, AlertsError> {
        let store: Arc<dyn AlertStore> =
            Arc::new(RedbOutbox::open(data_dir, DEFAULT_HISTORY_LIMIT)?);
        let resumed = resume_interrupted(store.as_ref())?;
        if resumed > 0 {
            tracing::warn!(
                alerts = resumed,
                "alerts a previous run was sending when it stopped are sent again; Discord may show them twice"
            );
        }
        Ok(Self {
            store,
            client: WebhookClient::new(webhook)?,
            coordinator,
            wake: Arc::default(),
        })
    }
}

/// The alerting service: started with the coordinator (or a standalone vault worker), stopped
/// by its shutdown token.
pub struct AlertService {
    config: AlertsConfig,
    counters: Arc<AlertCounters>,
    clock: Clock,
    enabled: Option<Enabled>,
}

impl std::fmt::Debug for AlertService {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("AlertService")
            .field("config", &self.config)
            .field("enabled", &self.enabled.is_some())
            .finish()
    }
}

impl AlertService {
    /// Opens the outbox; returns the service and its routes (`/api/alerts`).
    pub fn start(context: AlertsContext) -> Result<(Self, axum::Router), AlertsError> {
        let enabled = match &context.config.webhook_url {
            None => None,
            Some(webhook) => {
                let coordinator = Coordinator::lazy(&context.grpc_url)?;
                Some(Enabled::open(
                    &context.data_dir,
                    webhook,
                    Some(coordinator),
                )?)
            }
        };
        let service = Self::new(context.config, enabled);
        let routes = router(AlertsApi {
            store: service
                .enabled
                .as_ref()
                .map(|enabled| enabled.store.clone()),
            counters: service.counters.clone(),
        });
        Ok((service, routes))
    }

    /// For a process without the coordinator in it (`runner worker`): opens the outbox in
    /// `data_dir`; `run` then only delivers what [`Notices`] hand over.
    pub fn start_outbox_only(data_dir: &Path, config: AlertsConfig) -> Result<Self, AlertsError> {
        let enabled = match &config.webhook_url {
            None => None,
            Some(webhook) => Some(Enabled::open(data_dir, webhook, None)?),
        };
        Ok(Self::new(config, enabled))
    }

    fn new(config: AlertsConfig, enabled: Option<Enabled>) -> Self {
        Self {
            config,
            counters: Arc::new(AlertCounters::default()),
            clock: Clock::start(),
            enabled,
        }
    }

    /// The handle other parts hand their alerts to; `None` when alerts are off (no webhook).
    pub fn notices(&self) -> Option<Notices> {
        self.enabled.as_ref().map(|enabled| {
            Notices::new(
                enabled.store.clone(),
                enabled.wake.clone(),
                self.counters.clone(),
                self.clock,
            )
        })
    }

    /// Alerts raised, sent, failed and retried since start-up, for the metrics endpoint.
    pub fn counters(&self) -> Arc<AlertCounters> {
        self.counters.clone()
    }

    pub async fn run(self, shutdown: CancellationToken) {
        let Some(enabled) = self.enabled else {
            tracing::info!("DISCORD_WEBHOOK_URL is not set: Discord alerts are off");
            shutdown.cancelled().await;
            return;
        };
        let sender = AlertSender {
            store: enabled.store.clone(),
            deliver: enabled.client,
            username: self.config.username.clone(),
            counters: self.counters.clone(),
            wake: enabled.wake.clone(),
            clock: self.clock,
        };
        let Some(coordinator) = enabled.coordinator else {
            tracing::info!("Discord alerts are on: delivering the notices handed over");
            sender.run(shutdown).await;
            return;
        };
        let watching = watch_cluster::ClusterWatch {
            config: self.config,
            counters: self.counters,
            clock: self.clock,
            store: enabled.store,
            wake: enabled.wake,
            coordinator,
        };
        let sending = tokio::spawn(sender.run(shutdown.clone()));
        watching.run(shutdown.clone()).await;
        // The watch ends on shutdown (or if its feed is gone); the sender follows.
        shutdown.cancelled().await;
        let _ = sending.await;
    }
}

#[cfg(test)]
mod tests;
