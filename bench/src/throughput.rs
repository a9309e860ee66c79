//! Throughput: short generate jobs (a few tokens, zero think time) through one coordinator
//! with three agents, each next to its stand-in Ollama, at several concurrency levels; with
//! the CPU time each process spent per job, so that the coordinator's own capacity (jobs per
//! CPU-second) shows even though every process shares the same few cores.

mod job_load;
mod throughput_table;

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use harness::cluster::{ClusterSpec, NodeSpec, TestCluster, generate_spec};
use harness::fake_ollama::expected_answer;

pub(crate) use self::job_load::run_jobs;
use crate::overhead::ClusterCaller;
use crate::process_stats::cpu_time as process_cpu_time;

pub use self::throughput_table::throughput_table;

/// The three nodes; each has the model, so the coordinator spreads the jobs over them.
pub const THROUGHPUT_NODES: [&str; 3] = ["bench-1", "bench-2", "bench-3"];
const PROMPT: &str = "hi";

#[derive(Debug, Clone)]
pub struct ThroughputSettings {
    pub concurrency_levels: Vec<usize>,
    /// At most this many measured jobs per level...
    pub jobs: usize,
    /// ...and none started after this long.
    pub time_limit: Duration,
    /// Unmeasured jobs per level first.
    pub warmup: usize,
    /// Tokens in every answer.
    pub tokens: usize,
}

/// CPU time spent during one level's measured jobs.
#[derive(Debug, Clone, Copy, Default)]
pub struct CpuSpent {
    pub coordinator: Duration,
    /// The three agents together.
    pub agents: Duration,
    /// This process: the gRPC clients and the three stand-in Ollamas.
    pub client_and_stand_ins: Duration,
}

#[derive(Debug, Clone)]
pub struct ThroughputFigures {
    /// Where the coordinator's data dir was: `disk` or `tmpfs`.
    pub data_dir: &'static str,
    pub concurrency: usize,
    pub jobs: usize,
    pub wall_time: Duration,
    pub cpu: CpuSpent,
}

impl ThroughputFigures {
    pub fn jobs_per_second(&self) -> f64 {
        self.jobs as f64 / self.wall_time.as_secs_f64().max(f64::EPSILON)
    }

    /// Microseconds of CPU per job.
    pub fn micros_per_job(&self, spent: Duration) -> f64 {
        spent.as_secs_f64() * 1e6 / self.jobs.max(1) as f64
    }

    /// Jobs the coordinator would carry with one core to itself, at this CPU cost per job.
    pub fn coordinator_jobs_per_cpu_second(&self) -> f64 {
        self.jobs as f64 / self.cpu.coordinator.as_secs_f64().max(f64::EPSILON)
    }
}

/// The cluster of the throughput run: three nodes with `model`, enough slots that nothing
/// queues at the widest level; its temp dir (with the data dir) in `temp_root` when given.
pub fn throughput_cluster_spec(
    settings: &ThroughputSettings,
    model: &str,
    heartbeat_timeout: Duration,
    temp_root: Option<PathBuf>,
) -> anyhow::Result<ClusterSpec> {
    let widest = settings
        .concurrency_levels
        .iter()
        .copied()
        .max()
        .unwrap_or(1);
    let slots = u32::try_from(widest.max(1))?;
    let mut spec = ClusterSpec::three_hosts();
    spec.nodes = THROUGHPUT_NODES
        .iter()
        .map(|node| NodeSpec::new(node, &[model]).max_parallel(slots))
        .collect();
    spec.routes = Vec::new();
    spec.heartbeat_timeout = heartbeat_timeout;
    spec.queue_capacity = widest * 2;
    spec.temp_root = temp_root;
    Ok(spec)
}

/// Starts the three-node cluster (its data dir on tmpfs when `tmpfs_root` is given), measures
/// every level, and tears the cluster down.
pub async fn measure_throughput(
    settings: &ThroughputSettings,
    model: &str,
    heartbeat_timeout: Duration,
    tmpfs_root: Option<PathBuf>,
) -> anyhow::Result<Vec<ThroughputFigures>> {
    let data_dir = if tmpfs_root.is_some() {
        "tmpfs"
    } else {
        "disk"
    };
    let spec = throughput_cluster_spec(settings, model, heartbeat_timeout, tmpfs_root)?;
    let cluster = TestCluster::start(spec)
        .await
        .context("cannot start the three-node cluster for throughput")?;
    let outcome = measure_levels(&cluster, settings, model, data_dir).await;
    if outcome.is_err() {
        eprintln!("---- cluster logs ----\n{}", cluster.all_logs());
    }
    outcome
}

async fn measure_levels(
    cluster: &TestCluster,
    settings: &ThroughputSettings,
    model: &str,
    data_dir: &'static str,
) -> anyhow::Result<Vec<ThroughputFigures>> {
    for node in THROUGHPUT_NODES {
        cluster.ollama(node).set_answer_tokens(settings.tokens);
    }
    let caller = ClusterCaller::new(
        cluster.jobs_client().await?,
        generate_spec(model, PROMPT),
        expected_answer(PROMPT, settings.tokens),
    );
    let mut levels = Vec::new();
    for &concurrency in &settings.concurrency_levels {
        run_jobs(&caller, concurrency, settings.warmup, settings.time_limit).await?;
        let before = cpu_now(cluster)?;
        let count = run_jobs(&caller, concurrency, settings.jobs, settings.time_limit)
            .await
            .with_context(|| format!("throughput at concurrency {concurrency}"))?;
        let after = cpu_now(cluster)?;
        levels.push(ThroughputFigures {
            data_dir,
            concurrency,
            jobs: count.jobs,
            wall_time: count.wall_time,
            cpu: CpuSpent {
                coordinator: after.coordinator.saturating_sub(before.coordinator),
                agents: after.agents.saturating_sub(before.agents),
                client_and_stand_ins: after
                    .client_and_stand_ins
                    .saturating_sub(before.client_and_stand_ins),
            },
        });
    }
    Ok(levels)
}

/// CPU used so far by each process of the run (the same shape as what one level spent).
fn cpu_now(cluster: &TestCluster) -> anyhow::Result<CpuSpent> {
    let mut agents = Duration::ZERO;
    for node in THROUGHPUT_NODES {
        agents += process_cpu_time(cluster.agent_pid(node)?)?;
    }
    Ok(CpuSpent {
        coordinator: process_cpu_time(cluster.coordinator_pid()?)?,
        agents,
        client_and_stand_ins: process_cpu_time(std::process::id())?,
    })
}

#[cfg(test)]
mod tests;
