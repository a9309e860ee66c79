//! The live cluster: nodes and their Ollama models, active jobs and the routing rule, owned by
//! one event loop (`main_loop`) that everything else talks to through a `ClusterHandle`.
//!
//! **Architecture Invariant:** only the cluster loop changes node or job state; the gRPC and
//! HTTP services send it events and read what it answers.

mod active_job;
mod agent_events;
mod agent_outbound;
mod draining_file;
mod events;
mod handle;
mod job_lifecycle;
mod job_spans;
pub mod job_spec;
mod main_loop;
mod node;
mod recent_jobs;
pub mod routing;
mod views;

use std::sync::Arc;

pub use agent_events::HEARTBEAT_INTERVAL_MS;
pub use agent_outbound::{OutboundStream, outbound_channel};
pub use draining_file::DrainingFileError;
pub use events::{ClusterEvent, JobError, JobWatch, Rejected, Submitted};
pub use handle::ClusterHandle;
pub use main_loop::Cluster;

use crate::config::CoordinatorConfig;
use crate::store::{JobStore, StoreWriter};

/// Creates the cluster loop and its handle; run the loop with `Cluster::run`.
pub fn new_cluster(
    config: &CoordinatorConfig,
    store: Arc<dyn JobStore>,
    writer: StoreWriter,
) -> (ClusterHandle, Cluster) {
    let (events_sender, events_receiver) = tokio::sync::mpsc::unbounded_channel();
    let (changes_sender, changes_receiver) = tokio::sync::watch::channel(0);
    let cluster = Cluster::new(config, store, writer, events_receiver, changes_sender);
    (
        ClusterHandle {
            events: events_sender,
            changes: changes_receiver,
        },
        cluster,
    )
}
