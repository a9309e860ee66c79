//! The vault worker's figures (issue 16), through a real `runner worker` process next to the
//! stand-in three-host cluster: how long after a note has settled its job starts (notes dropped
//! one at a time, so no queueing counts), how many notes per second the worker carries at two
//! `--max-in-flight` levels against the same jobs submitted straight through gRPC, and the
//! worker's memory and rescan cost watching a vault of 10,000 notes (1,000 drafts in its inbox).

mod idle_vault;
mod note_throughput;
mod settle_latency;
mod vault_table;
mod worker_run;

use std::time::Duration;

use anyhow::Context;
use harness::cluster::{ClusterSpec, TestCluster};

use crate::memory_scale::ScratchDir;

pub use idle_vault::{IdleVaultFigures, IdleWorkerFigures, write_idle_vault};
pub use note_throughput::NoteThroughputFigures;
pub use settle_latency::{SettleLatencyFigures, latency_after_ms};
pub use vault_table::render_section;

#[derive(Debug, Clone)]
pub struct VaultQueueSettings {
    /// Notes dropped one at a time for the settle → start latency.
    pub latency_notes: usize,
    /// The worker's `--settle` in the latency and throughput parts.
    pub settle: Duration,
    /// Notes dropped at once per `--max-in-flight` level.
    pub throughput_notes: usize,
    pub in_flight_levels: Vec<usize>,
    /// The idle vault: notes in ordinary folders, and drafts in `Runner/inbox/`.
    pub ordinary_notes: usize,
    pub inbox_drafts: usize,
    /// The idle worker's `--rescan`, and how long it watches before its memory is read.
    pub rescan: Duration,
    pub idle_window: Duration,
    /// Extra submitted notes dropped into the watched inbox, each timed from drop to claim.
    pub claim_trials: usize,
    /// Tokens in every stand-in answer.
    pub answer_tokens: usize,
    /// Any one wait (a note's job, a level's notes) longer than this fails the run.
    pub patience: Duration,
}

impl VaultQueueSettings {
    pub fn full() -> Self {
        Self {
            latency_notes: 200,
            settle: Duration::from_millis(500),
            throughput_notes: 500,
            in_flight_levels: vec![8, 32],
            ordinary_notes: 9_000,
            inbox_drafts: 1_000,
            rescan: Duration::from_secs(1),
            idle_window: Duration::from_secs(10),
            claim_trials: 20,
            answer_tokens: 8,
            patience: Duration::from_secs(300),
        }
    }

    pub fn quick() -> Self {
        Self {
            latency_notes: 20,
            throughput_notes: 50,
            ordinary_notes: 900,
            inbox_drafts: 100,
            idle_window: Duration::from_secs(3),
            claim_trials: 3,
            patience: Duration::from_secs(60),
            ..Self::full()
        }
    }
}

#[derive(Debug, Clone)]
pub struct VaultQueueFigures {
    pub settings: VaultQueueSettings,
    pub latency: SettleLatencyFigures,
    pub throughput: Vec<NoteThroughputFigures>,
    pub idle: IdleVaultFigures,
    /// `/proc/loadavg`'s one-minute figure before the first part and after the last.
    pub load_before: Option<f64>,
    pub load_after: Option<f64>,
}

/// The three-host cluster with enough slots and queue that no vault job waits for a node or
/// is turned away at the widest `--max-in-flight` level (the worker's figures, not the
/// stand-in cluster's one slot per node, are measured).
pub fn vault_cluster_spec(settings: &VaultQueueSettings) -> anyhow::Result<ClusterSpec> {
    let widest = settings.in_flight_levels.iter().copied().max().unwrap_or(1);
    let slots = u32::try_from(widest.max(1))?;
    let mut spec = ClusterSpec::three_hosts();
    spec.nodes = spec
        .nodes
        .into_iter()
        .map(|node| node.max_parallel(slots))
        .collect();
    spec.queue_capacity = widest * 2;
    Ok(spec)
}

/// Starts the cluster, measures the three parts in a scratch dir, tears everything down.
pub async fn measure_vault_queue(
    settings: &VaultQueueSettings,
) -> anyhow::Result<VaultQueueFigures> {
    let name = format!("llm-runner-vault-bench-{}", std::process::id());
    let scratch = ScratchDir(std::env::temp_dir().join(name));
    std::fs::create_dir_all(&scratch.0)?;
    let cluster = TestCluster::start(vault_cluster_spec(settings)?)
        .await
        .context("cannot start the cluster: build the binaries first (`cargo xtask bench` does)")?;
    for node in ["contabo", "homelab", "davas"] {
        cluster
            .ollama(node)
            .set_answer_tokens(settings.answer_tokens);
    }
    let outcome = measure_on(&cluster, &scratch, settings).await;
    if outcome.is_err() {
        eprintln!("---- cluster logs ----\n{}", cluster.all_logs());
    }
    drop(cluster);
    drop(scratch);
    outcome
}

async fn measure_on(
    cluster: &TestCluster,
    scratch: &ScratchDir,
    settings: &VaultQueueSettings,
) -> anyhow::Result<VaultQueueFigures> {
    let load_before = crate::memory_scale::load_average();
    let latency = settle_latency::measure(cluster, &scratch.0.join("latency"), settings)
        .await
        .context("settle → start latency")?;
    let mut throughput = Vec::new();
    for &max_in_flight in &settings.in_flight_levels {
        let dir = scratch.0.join(format!("throughput-{max_in_flight}"));
        let level = note_throughput::measure(cluster, &dir, settings, max_in_flight)
            .await
            .with_context(|| format!("throughput at --max-in-flight {max_in_flight}"))?;
        throughput.push(level);
    }
    let idle = idle_vault::measure(cluster, &scratch.0.join("idle"), settings)
        .await
        .context("the idle worker over a large vault")?;
    Ok(VaultQueueFigures {
        settings: settings.clone(),
        latency,
        throughput,
        idle,
        load_before,
        load_after: crate::memory_scale::load_average(),
    })
}

#[cfg(test)]
mod tests;
