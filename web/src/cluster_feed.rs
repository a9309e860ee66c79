//! One upstream `ClusterService.WatchCluster` stream shared by every browser, open only while
//! someone looks: the first subscriber opens it, and it closes (dropping the snapshot) once
//! nobody has subscribed for [`IDLE_AFTER`]. A cluster of thousands of nodes makes each
//! snapshot megabytes to build, send and decode; a UI nobody has open costs nothing. Its
//! snapshots go into a `tokio::sync::watch`, from which each page's event stream renders. It
//! reconnects with capped backoff, and says meanwhile that the view is not live.

use std::sync::Arc;
use std::time::Duration;

use client::Coordinator;
use futures::StreamExt;
use proto::v1::{ClusterSnapshot, WatchClusterRequest};
use tokio::sync::{Notify, watch};
use tokio::task::JoinHandle;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

/// At most this many snapshots a second reach the UI: a change shows within a quarter second.
const MIN_INTERVAL_MS: u32 = 250;
const FIRST_RETRY: Duration = Duration::from_millis(100);
const LAST_RETRY: Duration = Duration::from_secs(2);
/// How long the watch stays open with no page or event stream subscribed: long enough that
/// moving between pages finds it open.
pub const IDLE_AFTER: Duration = Duration::from_secs(60);

/// What the UI knows of the cluster: the latest snapshot, and why it is not live when not.
#[derive(Debug, Clone, Default)]
pub struct ClusterView {
    pub snapshot: Option<Arc<ClusterSnapshot>>,
    /// Set while the watch is broken ("cannot reach the coordinator's gRPC API: …").
    pub problem: Option<String>,
}

/// The shared view; [`ClusterFeed::subscribe`] opens the upstream watch when it is closed.
#[derive(Debug, Clone)]
pub struct ClusterFeed {
    shared: Arc<FeedShared>,
}

#[derive(Debug)]
struct FeedShared {
    sender: watch::Sender<ClusterView>,
    /// Wakes the idle feed when a subscriber comes.
    wanted: Notify,
}

impl ClusterFeed {
    /// A receiver of the view, which keeps the upstream watch open while it lives.
    pub fn subscribe(&self) -> watch::Receiver<ClusterView> {
        let receiver = self.shared.sender.subscribe();
        self.shared.wanted.notify_one();
        receiver
    }
}

/// Starts the feed, idle until the first subscriber; its task ends on `shutdown`.
pub fn start_cluster_feed(
    client: Coordinator,
    shutdown: CancellationToken,
) -> (ClusterFeed, JoinHandle<()>) {
    start_cluster_feed_idling_after(client, shutdown, IDLE_AFTER)
}

fn start_cluster_feed_idling_after(
    client: Coordinator,
    shutdown: CancellationToken,
    idle_after: Duration,
) -> (ClusterFeed, JoinHandle<()>) {
    let feed = ClusterFeed {
        shared: Arc::new(FeedShared {
            sender: watch::Sender::new(ClusterView::default()),
            wanted: Notify::new(),
        }),
    };
    let shared = Arc::clone(&feed.shared);
    let task = tokio::spawn(async move {
        tokio::select! {
            () = shutdown.cancelled() => {}
            () = follow_when_watched(&client, &shared, idle_after) => {}
        }
    });
    (feed, task)
}

async fn follow_when_watched(client: &Coordinator, shared: &FeedShared, idle_after: Duration) {
    loop {
        // A subscriber between the count and the wait leaves a permit: it is not missed.
        while shared.sender.receiver_count() == 0 {
            shared.wanted.notified().await;
        }
        follow_while_watched(client, &shared.sender, idle_after).await;
        shared.sender.send_replace(ClusterView::default());
        tracing::debug!("nobody has the web UI open: its cluster watch is closed");
    }
}

/// Follows the cluster, reconnecting, until nobody has subscribed for `idle_after`.
async fn follow_while_watched(
    client: &Coordinator,
    sender: &watch::Sender<ClusterView>,
    idle_after: Duration,
) {
    let mut retry = FIRST_RETRY;
    // Log a broken watch once per outage, not at every retry.
    let mut reported = false;
    loop {
        let (received_any, ended) = follow_once(client, sender, idle_after).await;
        let Ended::Broke(problem) = ended else {
            return;
        };
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
        if sender.receiver_count() == 0 {
            return; // nobody waits for it to come back
        }
        retry = (retry * 2).min(LAST_RETRY);
    }
}

/// Why [`follow_once`] returned.
enum Ended {
    /// Nobody subscribed for the idle time.
    Unwatched,
    /// The stream broke or ended: why, in the UI's words.
    Broke(String),
}

/// Tells when nobody has subscribed for `idle_after`, checked a few times per period.
struct IdleClock {
    idle_after: Duration,
    unwatched_since: Option<Instant>,
}

impl IdleClock {
    fn check_every(&self) -> Duration {
        (self.idle_after / 4).max(Duration::from_millis(10))
    }

    /// Whether nobody has subscribed for the whole idle time, given the receivers now.
    fn idle(&mut self, receivers: usize) -> bool {
        if receivers > 0 {
            self.unwatched_since = None;
            return false;
        }
        let since = *self.unwatched_since.get_or_insert_with(Instant::now);
        since.elapsed() >= self.idle_after
    }
}

/// Follows one watch stream until it breaks or nobody watches; says whether it delivered
/// anything, and why it ended.
async fn follow_once(
    client: &Coordinator,
    sender: &watch::Sender<ClusterView>,
    idle_after: Duration,
) -> (bool, Ended) {
    let request = WatchClusterRequest {
        min_interval_ms: MIN_INTERVAL_MS,
        ..WatchClusterRequest::default()
    };
    let mut stream = match client.cluster().watch_cluster(request).await {
        Ok(response) => response.into_inner(),
        Err(status) => return (false, Ended::Broke(describe(&status))),
    };
    let mut clock = IdleClock {
        idle_after,
        unwatched_since: None,
    };
    let mut checks = tokio::time::interval(clock.check_every());
    let mut received_any = false;
    loop {
        let next = tokio::select! {
            next = stream.next() => next,
            _ = checks.tick() => {
                if clock.idle(sender.receiver_count()) {
                    return (received_any, Ended::Unwatched);
                }
                continue;
            }
        };
        match next {
            Some(Ok(snapshot)) => {
                if !received_any {
                    tracing::info!(version = snapshot.version, "the web UI follows the cluster");
                }
                received_any = true;
                sender.send_replace(ClusterView {
                    snapshot: Some(Arc::new(snapshot)),
                    problem: None,
                });
            }
            Some(Err(status)) => return (received_any, Ended::Broke(describe(&status))),
            None => {
                let ended = "the coordinator ended the cluster watch; the view is not live";
                return (received_any, Ended::Broke(ended.to_owned()));
            }
        }
    }
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
