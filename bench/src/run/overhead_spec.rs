//! The one-node cluster the overhead, failure-detection and OpenAI-path runs share: enough
//! slots and queue for the widest concurrency level, the agent probing as it does by default.

use harness::cluster::{ClusterSpec, NodeSpec};

use super::{BENCH_MODEL, BENCH_NODE, BenchSettings};

/// The one-node cluster of the overhead and failure-detection runs.
pub(crate) fn overhead_cluster_spec(
    settings: &BenchSettings,
    temp_root: Option<std::path::PathBuf>,
) -> anyhow::Result<ClusterSpec> {
    let widest = settings
        .overhead
        .concurrency_levels
        .iter()
        .copied()
        .max()
        .unwrap_or(1)
        .max(1);
    // Enough slots that no level queues on the node: the benchmark measures the path, not
    // waiting for a free slot.
    let node = NodeSpec::new(BENCH_NODE, &[BENCH_MODEL]).max_parallel(u32::try_from(widest)?);
    let spec = ClusterSpec {
        nodes: vec![node],
        routes: Vec::new(),
        heartbeat_timeout: settings.heartbeat_timeout,
        disconnect_grace: std::time::Duration::ZERO,
        queue_capacity: widest * 2,
        extra_coordinator_toml: String::new(),
        coordinator_env: Vec::new(),
        // The agent's own default (the harness probes every 250 ms): the footprint's idle agent
        // is one probing once a second.
        agent_env: vec![("RUNNER_PROBE_INTERVAL".to_owned(), "1s".to_owned())],
        temp_root,
    };
    Ok(spec)
}
