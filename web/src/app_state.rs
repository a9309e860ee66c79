//! What every handler shares: the gRPC client, the shared cluster view, the conversation
//! store, and the shutdown signal that ends open event streams.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use client::Coordinator;
use proto::v1::schedule_service_client::ScheduleServiceClient;
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;
use tonic::Code;
use tonic::transport::{Channel, Endpoint};

use crate::cluster_feed::{ClusterView, start_cluster_feed};
use crate::conversations::Conversations;
use crate::page_error::PageError;

/// How long a page waits for the first cluster snapshot after start-up before rendering
/// "waiting for the cluster" (the live stream fills it in later).
const FIRST_SNAPSHOT_PATIENCE: Duration = Duration::from_secs(2);

#[derive(Clone)]
pub struct AppState {
    pub coordinator: Coordinator,
    /// Until `client::Coordinator::schedules()` exists (see `ScheduleApi`).
    pub schedules: ScheduleApi,
    pub cluster_view: watch::Receiver<ClusterView>,
    pub conversations: Conversations,
    pub shutdown: CancellationToken,
}

impl AppState {
    /// Starts the one shared cluster watch.
    pub fn new(
        coordinator: Coordinator,
        conversations: Conversations,
        shutdown: CancellationToken,
    ) -> Self {
        let (cluster_view, _feed_task) = start_cluster_feed(coordinator.clone(), shutdown.clone());
        Self {
            schedules: ScheduleApi::lazy(coordinator.url()),
            coordinator,
            cluster_view,
            conversations,
            shutdown,
        }
    }

    /// The cluster as last seen, waiting briefly for the first snapshot after start-up.
    pub async fn current_view(&self) -> ClusterView {
        let mut receiver = self.cluster_view.clone();
        let first = tokio::time::timeout(
            FIRST_SNAPSHOT_PATIENCE,
            receiver.wait_for(|view| view.snapshot.is_some() || view.problem.is_some()),
        )
        .await;
        match first {
            Ok(Ok(view)) => view.clone(),
            _ => self.cluster_view.borrow().clone(),
        }
    }
}

/// The coordinator's `ScheduleService` over its own lazy channel to the same gRPC address,
/// until `client::Coordinator` offers `schedules()` (then this goes and the handlers call
/// `state.coordinator.schedules()`).
#[derive(Debug, Clone)]
pub struct ScheduleApi {
    channel: Result<Channel, String>,
}

impl ScheduleApi {
    /// `url` is the coordinator's gRPC URL as `client::Coordinator` checked it. Call inside a
    /// Tokio runtime: the lazy channel spawns its connector task.
    pub fn lazy(url: &str) -> Self {
        let channel = Endpoint::from_shared(url.to_owned())
            .map(|endpoint| endpoint.connect_lazy())
            .map_err(|error| format!("the coordinator's gRPC URL {url:?} is not usable: {error}"));
        Self { channel }
    }

    pub fn client(&self) -> Result<ScheduleServiceClient<Channel>, PageError> {
        match &self.channel {
            Ok(channel) => Ok(ScheduleServiceClient::new(channel.clone())),
            Err(problem) => Err(PageError::Coordinator {
                code: Code::InvalidArgument,
                message: problem.clone(),
            }),
        }
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
