//! The parts `--cloud-only`, `--openai-only`, `--usage-only` and `--memory-only` run on their own, each on a
//! cluster of its own; the first two at the overhead run's levels and answer length with the
//! chat run's sizes.

use harness::cluster::TestCluster;

use super::{BENCH_MODEL, BENCH_NODE, BenchSettings, overhead_cluster_spec};
use crate::cloud_paths::{CloudPathsFigures, measure_cloud_paths};
use crate::memory_scale::{MemoryScaleFigures, measure_memory_scale};
use crate::openai_paths::{OpenAiPathsFigures, measure_openai_paths};
use crate::usage_ledger::{UsageLedgerFigures, measure_usage_ledger};

/// The cloud paths at the overhead run's levels and answer length, with the chat run's sizes.
pub async fn measure_cloud(settings: &BenchSettings) -> anyhow::Result<CloudPathsFigures> {
    let overhead = &settings.overhead;
    let (levels, tokens) = (&overhead.concurrency_levels, overhead.tokens);
    measure_cloud_paths(&settings.chat, levels, tokens, settings.heartbeat_timeout).await
}

/// The OpenAI paths alone, on a one-node cluster of their own, at the overhead run's levels and
/// answer length with the chat run's sizes.
pub async fn measure_openai(settings: &BenchSettings) -> anyhow::Result<OpenAiPathsFigures> {
    let cluster = TestCluster::start(overhead_cluster_spec(settings, None)?).await?;
    let overhead = &settings.overhead;
    let (levels, tokens) = (&overhead.concurrency_levels, overhead.tokens);
    let measured = measure_openai_paths(
        &cluster,
        BENCH_NODE,
        BENCH_MODEL,
        &settings.chat,
        levels,
        tokens,
    )
    .await;
    if measured.is_err() {
        eprintln!("---- cluster logs ----\n{}", cluster.all_logs());
    }
    measured
}

/// The usage ledger's figures at the settings' sizes, on a coordinator of their own.
pub async fn measure_usage(settings: &BenchSettings) -> anyhow::Result<UsageLedgerFigures> {
    measure_usage_ledger(&settings.usage_ledger).await
}

/// Memory's syncs and searches at the settings' sizes, on a three-host cluster of their own.
pub async fn measure_memory(settings: &BenchSettings) -> anyhow::Result<MemoryScaleFigures> {
    measure_memory_scale(&settings.memory).await
}
