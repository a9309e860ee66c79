//! The parts `--cloud-only` and `--openai-only` run on their own, each on a cluster of its own,
//! at the overhead run's levels and answer length with the chat run's sizes.

use harness::cluster::TestCluster;

use super::{BENCH_MODEL, BENCH_NODE, BenchSettings, overhead_cluster_spec};
use crate::cloud_paths::{CloudPathsFigures, measure_cloud_paths};
use crate::openai_paths::{OpenAiPathsFigures, measure_openai_paths};

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
