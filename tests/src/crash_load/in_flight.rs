//! How many jobs are in flight (queued or running on a node, as the coordinator's node view
//! counts them), sampled in the background while a scenario runs: the latest count, to say
//! what a kill hit, and the peak. A sample the coordinator cannot answer (it is down) is
//! skipped.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use proto::v1::ListNodesRequest;
use proto::v1::cluster_service_client::ClusterServiceClient;
use tokio::task::JoinHandle;
use tonic::transport::Channel;

/// The background sampler; stops when dropped.
pub struct InFlightSampler {
    latest: Arc<AtomicUsize>,
    peak: Arc<AtomicUsize>,
    task: JoinHandle<()>,
}

impl InFlightSampler {
    /// Samples every `interval` through `channel`.
    pub fn start(channel: Channel, interval: Duration) -> Self {
        let latest = Arc::new(AtomicUsize::new(0));
        let peak = Arc::new(AtomicUsize::new(0));
        let (latest_seen, peak_seen) = (latest.clone(), peak.clone());
        let task = tokio::spawn(async move {
            let mut ticks = tokio::time::interval(interval);
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
            loop {
                ticks.tick().await;
                let mut cluster = ClusterServiceClient::new(channel.clone());
                let call = cluster.list_nodes(ListNodesRequest::default());
                let Ok(Ok(answer)) = tokio::time::timeout(interval * 4, call).await else {
                    continue;
                };
                let in_flight: usize = (answer.into_inner().nodes.iter())
                    .map(|node| node.running as usize + node.queued as usize)
                    .sum();
                latest_seen.store(in_flight, Ordering::Relaxed);
                peak_seen.fetch_max(in_flight, Ordering::Relaxed);
            }
        });
        Self { latest, peak, task }
    }

    /// The last count the coordinator gave.
    pub fn latest(&self) -> usize {
        self.latest.load(Ordering::Relaxed)
    }

    /// The highest count seen so far.
    pub fn peak(&self) -> usize {
        self.peak.load(Ordering::Relaxed)
    }
}

impl Drop for InFlightSampler {
    fn drop(&mut self) {
        self.task.abort();
    }
}
