//! One upstream `ClusterService.WatchCluster` stream shared by every browser: its snapshots go
//! into a `tokio::sync::watch`, from which each page's event stream renders. It reconnects with
//! capped backoff, and says meanwhile that the view is not live.

use std::sync::Arc;
use std::time::Duration;

use client::Coordinator;
use futures::StreamExt;
use proto::v1::{ClusterSnapshot, WatchClusterRequest};
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

/// At most this many snapshots a second reach the UI: a change shows within a quarter second.
const MIN_INTERVAL_MS: u32 = 250;
const FIRST_RETRY: Duration = Duration::from_millis(100);
const LAST_RETRY: Duration = Duration::from_secs(2);

/// What the UI knows of the cluster: the latest snapshot, and why it is not live when not.
#[derive(Debug, Clone, Default)]
pub struct ClusterView {
    pub snapshot: Option<Arc<ClusterSnapshot>>,
    /// Set while the watch is broken ("cannot reach the coordinator's gRPC API: …").
    pub problem: Option<String>,
}

/// Starts following the cluster; the task ends on `shutdown` or when every receiver is gone.
pub fn start_cluster_feed(
    client: Coordinator,
    shutdown: CancellationToken,
) -> (watch::Receiver<ClusterView>, JoinHandle<()>) {
    let (sender, receiver) = watch::channel(ClusterView::default());
    let task = tokio::spawn(async move {
        tokio::select! {
            () = shutdown.cancelled() => {}
            () = sender.closed() => {}
            () = follow_forever(&client, &sender) => {}
        }
    });
    (receiver, task)
}

async fn follow_forever(client: &Coordinator, sender: &watch::Sender<ClusterView>) {
    let mut retry = FIRST_RETRY;
    // Log a broken watch once per outage, not at every retry.
    let mut reported = false;
    loop {
        let (received_any, problem) = follow_once(client, sender).await;
        if received_any {
            retry = FIRST_RETRY;
            reported = false;
        }
        if !reported {
            tracing::warn!(%problem, "the web UI's cluster watch broke; retrying");
            reported = true;
        }
        sender.send_modify(|view| view.problem = Some(problem));
        tokio::time::sleep(retry).await;
        retry = (retry * 2).min(LAST_RETRY);
    }
}

/// Follows one watch stream until it breaks; says whether it delivered anything, and why it
/// ended.
async fn follow_once(client: &Coordinator, sender: &watch::Sender<ClusterView>) -> (bool, String) {
    let request = WatchClusterRequest {
        min_interval_ms: MIN_INTERVAL_MS,
    };
    let mut stream = match client.cluster().watch_cluster(request).await {
        Ok(response) => response.into_inner(),
        Err(status) => return (false, describe(&status)),
    };
    let mut received_any = false;
    while let Some(next) = stream.next().await {
        match next {
            Ok(snapshot) => {
                if !received_any {
                    tracing::info!(version = snapshot.version, "the web UI follows the cluster");
                }
                received_any = true;
                sender.send_replace(ClusterView {
                    snapshot: Some(Arc::new(snapshot)),
                    problem: None,
                });
            }
            Err(status) => return (received_any, describe(&status)),
        }
    }
    (
        received_any,
        "the coordinator ended the cluster watch; the view is not live".to_owned(),
    )
}

fn describe(status: &tonic::Status) -> String {
    format!(
        "cannot follow the cluster through the coordinator's gRPC API ({:?}: {}); the view is not live",
        status.code(),
        status.message()
    )
}

#[cfg(test)]
mod tests;
