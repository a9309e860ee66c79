//! Watching the cluster: the `WatchCluster` stream from the coordinator's own gRPC server, the
//! job history lookups that loss alerts need, and the loop that turns both into alerts.

mod job_lookup;
mod jobs_on_nodes;
mod snapshot_feed;
mod watch_loop;

#[cfg(test)]
mod tests;

pub use job_lookup::GrpcJobLookup;
pub use snapshot_feed::feed_snapshots;
pub use watch_loop::WatchLoop;
