//! One benchmark run: start a one-node cluster of real `runner` and `runner-agent` processes
//! next to an in-process stand-in Ollama, measure added latency, then failure detection.

use std::time::Duration;

use anyhow::Context;
use harness::cluster::{ClusterSpec, NodeSpec, TestCluster};

use crate::failure_detection::measure_failure_detection;
use crate::machine::MachineDescription;
use crate::overhead::{OverheadSettings, measure_overhead};
use crate::report::BenchReport;

/// The one node and the model every benchmark request names.
pub const BENCH_NODE: &str = "bench";
pub const BENCH_MODEL: &str = "qwen2.5:14b";

#[derive(Debug, Clone)]
pub struct BenchSettings {
    pub overhead: OverheadSettings,
    /// Trials per fault kind.
    pub failure_trials: usize,
    pub heartbeat_timeout: Duration,
}

impl BenchSettings {
    /// The sizes of a real run: 500 measured requests per path and level after 50 warm-up
    /// requests, concurrency 1 and 32, 10 trials per fault.
    pub fn full() -> Self {
        Self {
            overhead: OverheadSettings {
                requests: 500,
                warmup: 50,
                concurrency_levels: vec![1, 32],
                tokens: 32,
            },
            failure_trials: 10,
            heartbeat_timeout: Duration::from_secs(2),
        }
    }

    /// Tiny sizes that only check the harness works (CI), in a few seconds.
    pub fn quick() -> Self {
        Self {
            overhead: OverheadSettings {
                requests: 20,
                warmup: 5,
                concurrency_levels: vec![1, 4],
                tokens: 8,
            },
            failure_trials: 1,
            heartbeat_timeout: Duration::from_secs(2),
        }
    }
}

/// Runs every measurement and returns the figures; the cluster is torn down on return.
pub async fn run(settings: &BenchSettings) -> anyhow::Result<BenchReport> {
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
        queue_capacity: widest * 2,
        extra_coordinator_toml: String::new(),
        coordinator_env: Vec::new(),
        agent_env: Vec::new(),
    };
    let mut cluster = TestCluster::start(spec)
        .await
        .context("cannot start the cluster: build the binaries first (`cargo xtask bench` does)")?;
    let outcome = measure_all(&mut cluster, settings).await;
    if outcome.is_err() {
        eprintln!("---- cluster logs ----\n{}", cluster.all_logs());
    }
    outcome
}

async fn measure_all(
    cluster: &mut TestCluster,
    settings: &BenchSettings,
) -> anyhow::Result<BenchReport> {
    let overhead = measure_overhead(cluster, BENCH_NODE, BENCH_MODEL, &settings.overhead).await?;
    let failure_detection = measure_failure_detection(
        cluster,
        BENCH_NODE,
        BENCH_MODEL,
        settings.failure_trials,
        settings.heartbeat_timeout,
    )
    .await?;
    Ok(BenchReport {
        machine: MachineDescription::of_this_machine(),
        overhead_settings: settings.overhead.clone(),
        overhead,
        failure_detection,
        heartbeat_timeout: settings.heartbeat_timeout,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_is_smaller_than_full_in_every_count_and_both_measure_concurrency_one() {
        let (quick, full) = (BenchSettings::quick(), BenchSettings::full());
        assert!(quick.overhead.requests < full.overhead.requests);
        assert!(quick.overhead.warmup < full.overhead.warmup);
        assert!(quick.failure_trials < full.failure_trials);
        for settings in [&quick, &full] {
            assert!(settings.overhead.concurrency_levels.contains(&1));
            assert!(settings.overhead.requests > 0 && settings.failure_trials > 0);
        }
    }
}
