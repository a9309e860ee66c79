//! The live cluster: nodes and their Ollama models, active jobs and the routing rule, owned by
//! one event loop (`main_loop`) that everything else talks to through a `ClusterHandle`.
//!
//! **Architecture Invariant:** only the cluster loop changes node or job state; the gRPC and
//! HTTP services send it events and read what it answers.

mod active_job;
mod agent_events;
mod agent_outbound;
mod draining;
mod draining_file;
mod events;
mod handle;
mod idempotency_keys;
mod job_lifecycle;
mod job_queries;
mod job_spans;
pub mod job_spec;
mod job_spend;
mod main_loop;
mod node;
mod recent_jobs;
pub mod routing;
mod status_reports;
mod stored_status;
mod suggestion;
mod views;

use std::sync::Arc;

pub use agent_events::HEARTBEAT_INTERVAL_MS;
pub use agent_outbound::{OutboundStream, outbound_channel};
pub use draining_file::DrainingFileError;
pub use events::{
    ClusterEvent, JobError, JobWatch, NodeDetail, Rejected, SubmitOutcome, Submitted,
};
pub use handle::ClusterHandle;
pub use main_loop::Cluster;
pub use node::names_model;

use crate::clock::{Clock, SystemClock};
use crate::config::CoordinatorConfig;
use crate::store::{JobStore, StoreWriter};

/// Creates the cluster loop on the system clock and its handle; run the loop with
/// `Cluster::run`.
pub fn new_cluster(
    config: &CoordinatorConfig,
    store: Arc<dyn JobStore>,
    writer: StoreWriter,
) -> (ClusterHandle, Cluster) {
    new_cluster_with_clock(config, store, writer, Arc::new(SystemClock))
}

/// Like `new_cluster`, with the clock the loop reads (tests pass a `ManualClock`).
pub fn new_cluster_with_clock(
    config: &CoordinatorConfig,
    store: Arc<dyn JobStore>,
    writer: StoreWriter,
    clock: Arc<dyn Clock>,
) -> (ClusterHandle, Cluster) {
    // Unbounded on purpose. Agent link readers hand over statuses and job updates with a
    // plain `send` (`ClusterHandle::send`); a bounded channel would make them wait on the
    // loop, and an agent whose reader waits stops being read, misses its heartbeat and is
    // declared lost: the loop falling behind would turn into nodes falling over. What can wait
    // here is bounded in practice: every request from a gRPC or HTTP caller waits for its
    // answer (one event per call in flight), and each agent sends a status a second plus one
    // update per output token of the jobs it runs (at most its `max_parallel` at a time). The
    // bench measures the loop keeping up with 10,000 agents (BENCHMARKS.md, "scale").
    let (events_sender, events_receiver) = tokio::sync::mpsc::unbounded_channel();
    let (changes_sender, changes_receiver) = tokio::sync::watch::channel(0);
    let cluster = Cluster::new(
        config,
        store,
        writer,
        clock,
        events_receiver,
        changes_sender,
    );
    (
        ClusterHandle {
            events: events_sender,
            changes: changes_receiver,
        },
        cluster,
    )
}

#[cfg(test)]
mod tests;
