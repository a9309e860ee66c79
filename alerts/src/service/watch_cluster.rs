//! The cluster half of the coordinator's alert service: the snapshot feed from `WatchCluster`,
//! the detector with the memory it saved, and the watch loop that writes what it finds to the
//! outbox and wakes the sender.

use std::sync::Arc;

use client::Coordinator;
use tokio::sync::{Notify, mpsc};
use tokio_util::sync::CancellationToken;

use crate::config::AlertsConfig;
use crate::counters::AlertCounters;
use crate::detector::{AlerterMemory, Detector, DetectorSettings, DiskThresholds};
use crate::outbox::{AlertStore, on_store};
use crate::time_text::Clock;
use crate::watch::{GrpcJobLookup, WatchLoop, feed_snapshots};

pub(super) struct ClusterWatch {
    pub config: AlertsConfig,
    pub counters: Arc<AlertCounters>,
    pub clock: Clock,
    pub store: Arc<dyn AlertStore>,
    pub wake: Arc<Notify>,
    pub coordinator: Coordinator,
}

impl ClusterWatch {
    /// Watches until shutdown (or until the feed is gone), then waits for the feed to stop.
    pub async fn run(self, shutdown: CancellationToken) {
        let config = self.config;
        tracing::info!(
            alert_after_ms = config.alert_after.as_millis() as u64,
            job_failures = config.job_failures,
            disk_free_min_bytes = config.disk_free_min_bytes,
            "Discord alerts are on"
        );
        let saved = on_store(&self.store, |store| store.alerter_state()).await;
        let memory = match saved {
            Ok(saved) => AlerterMemory::from_saved(saved.as_deref()),
            Err(error) => {
                tracing::error!(%error, "cannot read the alerter's saved state; starting afresh");
                AlerterMemory::default()
            }
        };
        let settings = DetectorSettings {
            alert_after: config.alert_after,
            startup_grace: config.startup_grace,
            disk: DiskThresholds {
                min_free_bytes: config.disk_free_min_bytes,
                min_free_percent: config.disk_free_min_percent,
            },
        };
        let watch = WatchLoop {
            detector: Detector::new(settings, memory, self.clock.now_ms()),
            jobs: GrpcJobLookup::new(&self.coordinator),
            store: self.store,
            wake_sender: self.wake,
            counters: self.counters,
            clock: self.clock,
            job_failures: config.job_failures,
        };
        // One snapshot waits at most: with 10,000 nodes one is tens of megabytes decoded, and
        // a backlog only delays the stream (the coordinator coalesces what changed meanwhile).
        let (snapshot_sender, snapshots) = mpsc::channel(1);
        let feed = tokio::spawn(feed_snapshots(
            self.coordinator,
            snapshot_sender,
            shutdown.clone(),
        ));
        watch.run(snapshots, shutdown.clone()).await;
        shutdown.cancelled().await;
        let _ = feed.await;
    }
}
