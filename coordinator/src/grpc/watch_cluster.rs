//! `ClusterService.WatchCluster`: the cluster view now, then after every change, paced so a
//! burst of changes costs one snapshot per interval.

use std::pin::Pin;
use std::time::Duration;

use futures::Stream;
use proto::v1::ClusterSnapshot;
use tonic::Status;

use crate::clock::now_ms;
use crate::cluster::ClusterHandle;

const DEFAULT_INTERVAL: Duration = Duration::from_millis(100);
const SMALLEST_INTERVAL: Duration = Duration::from_millis(10);

pub type SnapshotStream = Pin<Box<dyn Stream<Item = Result<ClusterSnapshot, Status>> + Send>>;

pub fn watch_cluster(cluster: ClusterHandle, min_interval_ms: u32) -> SnapshotStream {
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
            permit.send(Ok(ClusterSnapshot {
                version,
                taken_at_ms: now_ms(),
                nodes: cluster.nodes().await,
                models: cluster.models().await,
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
