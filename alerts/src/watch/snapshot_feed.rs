//! Keeps a `ClusterService.WatchCluster` stream open to the coordinator's own gRPC server and
//! forwards every snapshot; reconnects with capped backoff when the stream cannot be opened or
//! ends (the server may still be starting).

use std::time::Duration;

use proto::v1::cluster_service_client::ClusterServiceClient;
use proto::v1::{ClusterSnapshot, WatchClusterRequest};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;
use tonic::transport::Channel;

/// The alerter needs no faster view than this; the stream coalesces bursts into one snapshot.
const SNAPSHOT_INTERVAL_MS: u32 = 250;
const FIRST_RETRY: Duration = Duration::from_millis(100);
const LONGEST_RETRY: Duration = Duration::from_secs(5);
/// The cluster view of 10,000 nodes is ~6 MB, over tonic's default 4 MiB decoding limit.
const MAX_SNAPSHOT_BYTES: usize = 64 << 20;

pub async fn feed_snapshots(
    channel: Channel,
    snapshots: mpsc::Sender<ClusterSnapshot>,
    shutdown: CancellationToken,
) {
    let mut delay = FIRST_RETRY;
    let mut outage_reported = false;
    loop {
        let mut client = ClusterServiceClient::new(channel.clone())
            .max_decoding_message_size(MAX_SNAPSHOT_BYTES);
        let request = WatchClusterRequest {
            min_interval_ms: SNAPSHOT_INTERVAL_MS,
        };
        let opened = tokio::select! {
            () = shutdown.cancelled() => return,
            opened = client.watch_cluster(request) => opened,
        };
        match opened {
            Ok(response) => {
                if outage_reported {
                    tracing::info!("alerts: watching the cluster again");
                    outage_reported = false;
                }
                delay = FIRST_RETRY;
                let mut stream = response.into_inner();
                loop {
                    let message = tokio::select! {
                        () = shutdown.cancelled() => return,
                        message = stream.message() => message,
                    };
                    match message {
                        Ok(Some(snapshot)) => {
                            if snapshots.send(snapshot).await.is_err() {
                                return; // the watch loop is gone
                            }
                        }
                        Ok(None) => break,
                        Err(status) => {
                            tracing::warn!(code = ?status.code(), message = status.message(), "alerts: the cluster watch broke; reopening it");
                            break;
                        }
                    }
                }
            }
            Err(status) if !outage_reported => {
                tracing::warn!(code = ?status.code(), message = status.message(), "alerts: cannot watch the cluster yet; retrying");
                outage_reported = true;
            }
            Err(_) => {}
        }
        tokio::select! {
            () = shutdown.cancelled() => return,
            () = tokio::time::sleep(delay) => {}
        }
        delay = (delay * 2).min(LONGEST_RETRY);
    }
}
