//! What every handler shares: the gRPC client, the shared cluster view, the conversation
//! store, and the shutdown signal that ends open event streams.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use client::Coordinator;
use tokio_util::sync::CancellationToken;

use crate::cluster_feed::{ClusterFeed, ClusterView, start_cluster_feed};
use crate::conversations::Conversations;

/// How long a page waits for the first cluster snapshot after start-up before rendering
/// "waiting for the cluster" (the live stream fills it in later).
const FIRST_SNAPSHOT_PATIENCE: Duration = Duration::from_secs(2);

#[derive(Clone)]
pub struct AppState {
    pub coordinator: Coordinator,
    /// The shared cluster view, watched upstream only while a page or event stream is open.
    pub cluster_view: ClusterFeed,
    pub conversations: Conversations,
    pub shutdown: CancellationToken,
}

impl AppState {
    /// Makes the one shared cluster feed (it opens its watch for the first subscriber).
    pub fn new(
        coordinator: Coordinator,
        conversations: Conversations,
        shutdown: CancellationToken,
    ) -> Self {
        let (cluster_view, _feed_task) = start_cluster_feed(coordinator.clone(), shutdown.clone());
        Self {
            coordinator,
            cluster_view,
            conversations,
            shutdown,
        }
    }

    /// The cluster as last seen, waiting briefly for the first snapshot when the watch has
    /// just opened.
    pub async fn current_view(&self) -> ClusterView {
        let mut receiver = self.cluster_view.subscribe();
        let first = tokio::time::timeout(
            FIRST_SNAPSHOT_PATIENCE,
            receiver.wait_for(|view| view.snapshot.is_some() || view.problem.is_some()),
        )
        .await
        .ok()
        .and_then(Result::ok)
        .map(|view| view.clone());
        first.unwrap_or_else(|| receiver.borrow().clone())
    }
}

pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests;
