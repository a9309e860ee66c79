//! Keeps a `ClusterService.WatchCluster` stream open to the coordinator's own gRPC server and
//! forwards every snapshot; reconnects with capped backoff when the stream cannot be opened or
//! ends (the server may still be starting).

use std::time::Duration;

use client::Coordinator;
use proto::v1::{ClusterSnapshot, WatchClusterRequest};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

/// The alerter needs no faster view than this; the stream coalesces bursts into one snapshot.
const SNAPSHOT_INTERVAL_MS: u32 = 250;
const FIRST_RETRY: Duration = Duration::from_millis(100);
const LONGEST_RETRY: Duration = Duration::from_secs(5);

pub async fn feed_snapshots(
    coordinator: Coordinator,
    snapshots: mpsc::Sender<ClusterSnapshot>,
    shutdown: CancellationToken,
) {
    let mut delay = FIRST_RETRY;
    let mut outage_reported = false;
    loop {
        let mut client = coordinator.cluster();
        // Which models each node has, by name, is all the alerter reads of them.
        let request = WatchClusterRequest {
            min_interval_ms: SNAPSHOT_INTERVAL_MS,
            model_names_only: true,
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
                    // Room first, then the next snapshot: with thousands of nodes each is
                    // megabytes, and no more are decoded than the loop can take.
                    let room = tokio::select! {
                        () = shutdown.cancelled() => return,
                        room = snapshots.reserve() => room,
                    };
                    let Ok(room) = room else {
                        return; // the watch loop is gone
                    };
                    let message = tokio::select! {
                        () = shutdown.cancelled() => return,
                        message = stream.message() => message,
                    };
                    match message {
                        Ok(Some(snapshot)) => room.send(snapshot),
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
