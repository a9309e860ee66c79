//! `ClusterService.WatchCluster`: the cluster view now, then after every change, paced so a
//! burst of changes costs one snapshot per interval.

use std::pin::Pin;
use std::time::Duration;

use futures::Stream;
use proto::v1::{ClusterSnapshot, WatchClusterRequest};
use tonic::Status;

use crate::clock::now_ms;
use crate::cluster::{ClusterHandle, NodeDetail};

const DEFAULT_INTERVAL: Duration = Duration::from_millis(100);
const SMALLEST_INTERVAL: Duration = Duration::from_millis(10);

pub type SnapshotStream = Pin<Box<dyn Stream<Item = Result<ClusterSnapshot, Status>> + Send>>;

/// Snapshots for `request`'s watcher: paced by its `min_interval_ms`, lighter when it asks
/// for `model_names_only`.
pub fn watch_cluster(cluster: ClusterHandle, request: WatchClusterRequest) -> SnapshotStream {
    let (min_interval_ms, names_only) = (request.min_interval_ms, request.model_names_only);
    let interval = match min_interval_ms {
        0 => DEFAULT_INTERVAL,
        millis => Duration::from_millis(u64::from(millis)).max(SMALLEST_INTERVAL),
    };
    let (sender, receiver) = tokio::sync::mpsc::channel(1);
    tokio::spawn(async move {
        let mut changes = cluster.changes();
        loop {
            // Taken once the watcher has the previous snapshot, so at most one waits for it
            // and each is built as late, so as fresh, as it can be.
            let Ok(permit) = sender.reserve().await else {
                break; // the watcher went away
            };
            let version = *changes.borrow_and_update();
            let (nodes, models) = match names_only {
                true => (
                    cluster.nodes_with(NodeDetail::ModelNames).await,
                    cluster.models_without_answers().await,
                ),
                false => (cluster.nodes().await, cluster.models().await),
            };
            permit.send(Ok(ClusterSnapshot {
                version,
                taken_at_ms: now_ms(),
                nodes,
                models,
                budgets: cluster.budgets().await,
            }));
            tokio::time::sleep(interval).await;
            // Also wake every few seconds, so "down since … (N s)" texts stay current.
            let woke = tokio::time::timeout(Duration::from_secs(5), changes.changed()).await;
            if matches!(woke, Ok(Err(_))) {
                break; // the cluster loop stopped
            }
        }
    });
    Box::pin(tokio_stream::wrappers::ReceiverStream::new(receiver))
}
