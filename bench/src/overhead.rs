//! Added latency: the same generate request sent straight to the stand-in Ollama and sent as a
//! job through coordinator + agent, at each concurrency level, after a warm-up that is not
//! counted.

mod direct_call;
mod load;
mod through_cluster;

use std::time::Duration;

use anyhow::Context;
use harness::cluster::{TestCluster, generate_spec};
use harness::fake_ollama::expected_answer;

pub use direct_call::DirectCaller;
pub use load::{Caller, LoadOutcome, TimedCall, drive};
pub use through_cluster::ClusterCaller;

use crate::percentiles::LatencySummary;

/// The prompt of every benchmark request; short, so the request itself costs next to nothing.
const PROMPT: &str = "why is the sky blue";

/// One request's timings, both from just before the request left the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sample {
    pub first_token: Duration,
    pub total: Duration,
}

#[derive(Debug, Clone)]
pub struct OverheadSettings {
    /// Measured requests per path and concurrency level.
    pub requests: usize,
    /// Requests per path and level sent first and not measured (connections, caches, JIT-free
    /// but lazy allocations).
    pub warmup: usize,
    pub concurrency_levels: Vec<usize>,
    /// Tokens in every answer.
    pub tokens: usize,
}

/// One path at one concurrency level.
#[derive(Debug, Clone)]
pub struct PathFigures {
    pub first_token: LatencySummary,
    pub total: LatencySummary,
    pub wall_time: Duration,
}

impl PathFigures {
    fn from_outcome(outcome: &LoadOutcome) -> anyhow::Result<Self> {
        let first: Vec<Duration> = outcome.samples.iter().map(|s| s.first_token).collect();
        let total: Vec<Duration> = outcome.samples.iter().map(|s| s.total).collect();
        Ok(Self {
            first_token: LatencySummary::from_samples(&first).context("no samples measured")?,
            total: LatencySummary::from_samples(&total).context("no samples measured")?,
            wall_time: outcome.wall_time,
        })
    }

    pub fn requests_per_second(&self) -> f64 {
        self.total.count as f64 / self.wall_time.as_secs_f64().max(f64::EPSILON)
    }
}

#[derive(Debug, Clone)]
pub struct ConcurrencyLevelFigures {
    pub concurrency: usize,
    pub direct: PathFigures,
    pub through_cluster: PathFigures,
}

/// Measures both paths at every level against `node`'s stand-in Ollama serving `model`.
pub async fn measure_overhead(
    cluster: &TestCluster,
    node: &str,
    model: &str,
    settings: &OverheadSettings,
) -> anyhow::Result<Vec<ConcurrencyLevelFigures>> {
    let ollama = cluster.ollama(node);
    ollama.set_answer_tokens(settings.tokens);
    let expected = expected_answer(PROMPT, settings.tokens);
    let direct = Caller::Direct(DirectCaller::new(
        &ollama.url(),
        model,
        PROMPT,
        expected.clone(),
    )?);
    let jobs_client = cluster.jobs_client().await?;
    let through = Caller::ThroughCluster(Box::new(ClusterCaller::new(
        jobs_client,
        generate_spec(model, PROMPT),
        expected,
    )));
    let mut levels = Vec::new();
    for &concurrency in &settings.concurrency_levels {
        let direct_figures = measure_path(&direct, concurrency, settings)
            .await
            .with_context(|| format!("direct calls at concurrency {concurrency}"))?;
        let through_figures = measure_path(&through, concurrency, settings)
            .await
            .with_context(|| format!("jobs through the cluster at concurrency {concurrency}"))?;
        levels.push(ConcurrencyLevelFigures {
            concurrency,
            direct: direct_figures,
            through_cluster: through_figures,
        });
    }
    Ok(levels)
}

async fn measure_path(
    caller: &Caller,
    concurrency: usize,
    settings: &OverheadSettings,
) -> anyhow::Result<PathFigures> {
    drive(caller, concurrency, settings.warmup).await?;
    let outcome = drive(caller, concurrency, settings.requests).await?;
    PathFigures::from_outcome(&outcome)
}
