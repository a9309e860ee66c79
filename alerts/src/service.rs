//! The alert service as the coordinator runs it: `start` opens the outbox (resuming what a
//! previous run left unsent) and returns the `/api/alerts` routes; `run` watches the cluster,
//! raises alerts and delivers them until shutdown. With no webhook configured it only says
//! once that alerts are off.

use std::path::PathBuf;
use std::sync::Arc;

use client::Coordinator;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use crate::config::AlertsConfig;
use crate::counters::AlertCounters;
use crate::detector::{AlerterMemory, Detector, DetectorSettings, DiskThresholds};
use crate::discord::{WebhookClient, WebhookClientError};
use crate::http::{AlertsApi, router};
use crate::outbox::{
    AlertStore, DEFAULT_HISTORY_LIMIT, OutboxError, RedbOutbox, on_store, resume_interrupted,
};
use crate::sender::AlertSender;
use crate::time_text::Clock;
use crate::watch::{GrpcJobLookup, WatchLoop, feed_snapshots};

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
    coordinator: Coordinator,
}

/// The alerting service: started with the coordinator, stopped by its shutdown token.
pub struct AlertService {
    config: AlertsConfig,
    counters: Arc<AlertCounters>,
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
        let counters = Arc::new(AlertCounters::default());
        let enabled = match &context.config.webhook_url {
            None => None,
            Some(webhook) => {
                let store: Arc<dyn AlertStore> =
                    Arc::new(RedbOutbox::open(&context.data_dir, DEFAULT_HISTORY_LIMIT)?);
                let resumed = resume_interrupted(store.as_ref())?;
                if resumed > 0 {
                    tracing::warn!(
                        alerts = resumed,
                        "alerts a previous run was sending when it stopped are sent again; Discord may show them twice"
                    );
                }
                let coordinator = Coordinator::lazy(&context.grpc_url)?;
                Some(Enabled {
                    store,
                    client: WebhookClient::new(webhook)?,
                    coordinator,
                })
            }
        };
        let routes = router(AlertsApi {
            store: enabled.as_ref().map(|enabled| enabled.store.clone()),
            counters: counters.clone(),
        });
        let service = Self {
            config: context.config,
            counters,
            enabled,
        };
        Ok((service, routes))
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
        let config = self.config;
        tracing::info!(
            alert_after_ms = config.alert_after.as_millis() as u64,
            job_failures = config.job_failures,
            disk_free_min_bytes = config.disk_free_min_bytes,
            "Discord alerts are on"
        );
        let saved = on_store(&enabled.store, |store| store.alerter_state()).await;
        let memory = match saved {
            Ok(saved) => AlerterMemory::from_saved(saved.as_deref()),
            Err(error) => {
                tracing::error!(%error, "cannot read the alerter's saved state; starting afresh");
                AlerterMemory::default()
            }
        };
        let clock = Clock::start();
        let settings = DetectorSettings {
            alert_after: config.alert_after,
            startup_grace: config.startup_grace,
            disk: DiskThresholds {
                min_free_bytes: config.disk_free_min_bytes,
                min_free_percent: config.disk_free_min_percent,
            },
        };
        let wake = Arc::new(tokio::sync::Notify::new());
        let sender = AlertSender {
            store: enabled.store.clone(),
            deliver: enabled.client,
            username: config.username.clone(),
            counters: self.counters.clone(),
            wake: wake.clone(),
            clock,
        };
        let watch = WatchLoop {
            detector: Detector::new(settings, memory, clock.now_ms()),
            jobs: GrpcJobLookup::new(&enabled.coordinator),
            store: enabled.store,
            wake_sender: wake,
            counters: self.counters,
            clock,
            job_failures: config.job_failures,
        };
        let (snapshot_sender, snapshots) = mpsc::channel(16);
        let feed = tokio::spawn(feed_snapshots(
            enabled.coordinator,
            snapshot_sender,
            shutdown.clone(),
        ));
        let sending = tokio::spawn(sender.run(shutdown.clone()));
        watch.run(snapshots, shutdown.clone()).await;
        // The watch loop ends on shutdown (or if its feed is gone); the others follow.
        shutdown.cancelled().await;
        let _ = feed.await;
        let _ = sending.await;
    }
}
