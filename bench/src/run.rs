//! One benchmark run: start a one-node cluster of real `runner` and `runner-agent` processes
//! next to an in-process stand-in Ollama, measure added latency, then failure detection; the
//! added latency again with the coordinator's data dir on tmpfs (`/dev/shm`), to separate what
//! the software adds from what this disk's fdatasync adds; then throughput with three agents;
//! then the cloud paths, on a cluster of one Groq node; then the usage ledger's figures, on a coordinator
//! of their own; then memory's sync and search over a synthetic vault, on a three-host cluster; then (not in the
//! quick run) the vault worker's figures, on a three-host cluster of their own. The OpenAI paths (`/v1/chat/completions`
//! direct, through LiteLLM and through llm-runner) run on the first cluster, after the chat paths.

use std::time::Duration;

use anyhow::Context;
use harness::cluster::TestCluster;

use crate::chat_paths::{ChatPathSettings, measure_chat_paths};
use crate::failure_detection::{AlertSettings, measure_alert_detection, measure_failure_detection};
use crate::footprint::{FootprintSettings, measure_busy, measure_idle};
use crate::machine::MachineDescription;
use crate::memory_scale::MemoryScaleSettings;
use crate::openai_paths::measure_openai_paths;
use crate::overhead::{OverheadSettings, measure_overhead};
use crate::report::BenchReport;
use crate::scale::{ScaleSettings, measure_scale};
use crate::throughput::{ThroughputSettings, measure_throughput};
use crate::usage_ledger::UsageLedgerSettings;
use crate::vault_queue::VaultQueueSettings;

/// A tmpfs for the second overhead run; absent on some machines, which then skip that run.
const TMPFS: &str = "/dev/shm";

/// The one node and the model every benchmark request names.
pub const BENCH_NODE: &str = "bench";
pub const BENCH_MODEL: &str = "qwen2.5:14b";

#[derive(Debug, Clone)]
pub struct BenchSettings {
    pub overhead: OverheadSettings,
    /// Trials per fault kind.
    pub failure_trials: usize,
    pub heartbeat_timeout: Duration,
    pub throughput: ThroughputSettings,
    pub scale: ScaleSettings,
    /// Chats per path and level side by side with LiteLLM, to the stand-in Ollama and to the
    /// stand-in Groq (levels and tokens: `overhead`'s).
    pub chat: ChatPathSettings,
    pub footprint: FootprintSettings,
    /// Node loss -> alert trials (`alerts.trials`) on a cluster of their own.
    pub alerts: AlertSettings,
    /// The usage ledger's rows, report and write cost, on a coordinator of their own.
    pub usage_ledger: UsageLedgerSettings,
    /// Memory's syncs and searches over a synthetic vault, on a cluster of their own.
    pub memory: MemoryScaleSettings,
    /// The vault worker's figures, on a cluster of their own; not in the quick run (CI time).
    pub vault_queue: Option<VaultQueueSettings>,
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
            throughput: ThroughputSettings {
                concurrency_levels: vec![32, 64, 128],
                jobs: 20_000,
                time_limit: Duration::from_secs(10),
                warmup: 500,
                tokens: 2,
            },
            scale: ScaleSettings::full(),
            chat: ChatPathSettings {
                requests: 500,
                warmup: 50,
            },
            footprint: FootprintSettings {
                idle_window: Duration::from_secs(30),
                busy_window: Duration::from_secs(10),
            },
            alerts: AlertSettings {
                trials: 10,
                alert_after: Duration::from_secs(3),
                heartbeat_timeout: Duration::from_secs(2),
            },
            usage_ledger: UsageLedgerSettings::full(),
            memory: MemoryScaleSettings::full(),
            vault_queue: Some(VaultQueueSettings::full()),
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
            throughput: ThroughputSettings {
                concurrency_levels: vec![4, 8],
                jobs: 40,
                time_limit: Duration::from_secs(5),
                warmup: 4,
                tokens: 2,
            },
            scale: ScaleSettings::quick(),
            // A handful of LiteLLM chats, so CI proves the proxy is installed and answers.
            chat: ChatPathSettings {
                requests: 5,
                warmup: 2,
            },
            footprint: FootprintSettings {
                idle_window: Duration::from_secs(2),
                busy_window: Duration::from_secs(1),
            },
            alerts: AlertSettings {
                trials: 1,
                alert_after: Duration::from_secs(3),
                heartbeat_timeout: Duration::from_secs(2),
            },
            usage_ledger: UsageLedgerSettings::quick(),
            memory: MemoryScaleSettings::quick(),
            vault_queue: None,
        }
    }
}

/// Runs every measurement and returns the figures; each cluster is torn down when done.
pub async fn run(settings: &BenchSettings) -> anyhow::Result<BenchReport> {
    let mut cluster = TestCluster::start(overhead_cluster_spec(settings, None)?)
        .await
        .context("cannot start the cluster: build the binaries first (`cargo xtask bench` does)")?;
    let outcome = measure_all(&mut cluster, settings).await;
    if outcome.is_err() {
        eprintln!("---- cluster logs ----\n{}", cluster.all_logs());
    }
    drop(cluster);
    let mut report = outcome?;
    let alerts = AlertSettings {
        heartbeat_timeout: settings.heartbeat_timeout,
        ..settings.alerts.clone()
    };
    report.alert_detection = Some(measure_alert_detection(BENCH_NODE, BENCH_MODEL, &alerts).await?);
    report.overhead_on_tmpfs = match tmpfs_root() {
        Some(root) => Some(measure_overhead_on(settings, root).await?),
        None => None,
    };
    report.throughput = measure_throughput(
        &settings.throughput,
        BENCH_MODEL,
        settings.heartbeat_timeout,
        None,
    )
    .await?;
    if let Some(root) = tmpfs_root() {
        let on_tmpfs = measure_throughput(
            &settings.throughput,
            BENCH_MODEL,
            settings.heartbeat_timeout,
            Some(root),
        )
        .await?;
        report.throughput.extend(on_tmpfs);
    }
    report.throughput_settings = Some(settings.throughput.clone());
    report.scale = measure_scale(&settings.scale).await?;
    report.cloud_paths = Some(measure_cloud(settings).await?);
    report.usage_ledger = Some(measure_usage(settings).await?);
    report.memory = Some(measure_memory(settings).await?);
    if let Some(vault_queue) = &settings.vault_queue {
        report.vault_queue = Some(crate::vault_queue::measure_vault_queue(vault_queue).await?);
    }
    Ok(report)
}

fn tmpfs_root() -> Option<std::path::PathBuf> {
    let root = std::path::PathBuf::from(TMPFS);
    root.is_dir().then_some(root)
}

/// Added latency on a cluster whose temp dir (and so the coordinator's data dir) is in `root`.
async fn measure_overhead_on(
    settings: &BenchSettings,
    root: std::path::PathBuf,
) -> anyhow::Result<Vec<crate::overhead::ConcurrencyLevelFigures>> {
    let cluster = TestCluster::start(overhead_cluster_spec(settings, Some(root))?).await?;
    let outcome = measure_overhead(&cluster, BENCH_NODE, BENCH_MODEL, &settings.overhead).await;
    if outcome.is_err() {
        eprintln!("---- cluster logs ----\n{}", cluster.all_logs());
    }
    outcome
}

async fn measure_all(
    cluster: &mut TestCluster,
    settings: &BenchSettings,
) -> anyhow::Result<BenchReport> {
    // Idle first: before any load has grown the processes' heaps.
    let idle = measure_idle(cluster, BENCH_NODE, settings.footprint.idle_window).await?;
    let overhead = measure_overhead(cluster, BENCH_NODE, BENCH_MODEL, &settings.overhead).await?;
    let levels = &settings.overhead.concurrency_levels;
    let tokens = settings.overhead.tokens;
    let chat_paths = measure_chat_paths(
        cluster,
        BENCH_NODE,
        BENCH_MODEL,
        &settings.chat,
        levels,
        tokens,
    )
    .await?;
    let openai_paths = measure_openai_paths(
        cluster,
        BENCH_NODE,
        BENCH_MODEL,
        &settings.chat,
        levels,
        tokens,
    )
    .await?;
    let widest = levels.iter().copied().max().unwrap_or(1);
    let busy_window = settings.footprint.busy_window;
    let footprint = measure_busy(
        cluster,
        BENCH_NODE,
        BENCH_MODEL,
        idle,
        widest,
        tokens,
        busy_window,
    )
    .await?;
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
        overhead_on_tmpfs: None,
        throughput_settings: None,
        throughput: Vec::new(),
        scale: Vec::new(),
        chat_paths: Some(chat_paths),
        footprint: Some(footprint),
        alert_detection: None,
        cloud_paths: None,
        openai_paths: Some(openai_paths),
        usage_ledger: None,
        memory: None,
        vault_queue: None,
    })
}

mod overhead_spec;
mod single_part;

pub(crate) use overhead_spec::overhead_cluster_spec;

pub use single_part::{measure_cloud, measure_memory, measure_openai, measure_usage};

#[cfg(test)]
mod tests;
