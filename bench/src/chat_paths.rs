//! The same chat three ways, side by side at each concurrency level: straight to the stand-in
//! Ollama (`POST /api/chat`, the baseline), through the LiteLLM proxy (`/v1/chat/completions`),
//! and as a job through llm-runner (`SubmitAndWatch`). What LiteLLM and llm-runner each add to
//! the baseline, and the ratio of the two, is what a user choosing between them would pay.

mod load;
mod table;

use std::time::Duration;

use anyhow::Context;
use harness::cluster::{TestCluster, chat_spec};
use harness::fake_ollama::expected_answer;

pub use load::ChatCaller;
pub use table::{added_ratio, chat_paths_table, render_section};

use crate::litellm::{LiteLlmCaller, LiteLlmProxy};
use crate::overhead::{ClusterCaller, DirectCaller, LoadOutcome, PathFigures, drive};
use crate::percentiles::LatencySummary;

/// The user message of every chat; short, so the request itself costs next to nothing.
pub const CHAT_PROMPT: &str = "why is the sky blue";

#[derive(Debug, Clone)]
pub struct ChatPathSettings {
    /// Measured chats per path and concurrency level.
    pub requests: usize,
    /// Chats per path and level sent first and not measured.
    pub warmup: usize,
}

#[derive(Debug, Clone)]
pub struct ChatLevelFigures {
    pub concurrency: usize,
    pub direct: PathFigures,
    pub litellm: PathFigures,
    pub llm_runner: PathFigures,
}

#[derive(Debug, Clone)]
pub struct ChatPathsFigures {
    pub levels: Vec<ChatLevelFigures>,
    pub settings: ChatPathSettings,
    pub tokens: usize,
    /// The installed LiteLLM's version, as its package metadata says.
    pub litellm_version: String,
    /// From spawning the LiteLLM proxy until it answered.
    pub litellm_start: Duration,
    /// The proxy's resident memory after its last chat.
    pub litellm_rss_bytes: Option<u64>,
}

/// Measures the direct and llm-runner paths at every level with `tokens`-token answers, then
/// starts LiteLLM in front of `node`'s stand-in Ollama (config and log in the cluster's dir),
/// measures it at every level, and stops it: neither stack runs a process while the other is
/// measured, apart from the cluster's, which is there all along.
pub async fn measure_chat_paths(
    cluster: &TestCluster,
    node: &str,
    model: &str,
    settings: &ChatPathSettings,
    concurrency_levels: &[usize],
    tokens: usize,
) -> anyhow::Result<ChatPathsFigures> {
    let ollama = cluster.ollama(node);
    ollama.set_answer_tokens(tokens);
    let expected = expected_answer(CHAT_PROMPT, tokens);
    let direct = ChatCaller::Direct(DirectCaller::chat(
        &ollama.url(),
        model,
        CHAT_PROMPT,
        expected.clone(),
    )?);
    let llm_runner = ChatCaller::LlmRunner(Box::new(ClusterCaller::new(
        cluster.jobs_client().await?,
        chat_spec(model, CHAT_PROMPT),
        expected.clone(),
    )));
    let mut ours = Vec::new();
    for &concurrency in concurrency_levels {
        let direct = measure_path(&direct, "direct", concurrency, settings).await?;
        let llm_runner = measure_path(&llm_runner, "llm-runner", concurrency, settings).await?;
        ours.push((concurrency, direct, llm_runner));
    }
    let proxy = LiteLlmProxy::start(cluster.dir.path(), model, &ollama.url()).await?;
    let measured = measure_litellm(&proxy, model, expected, settings, concurrency_levels).await;
    let litellm_rss_bytes = proxy.rss_bytes().ok();
    let (litellm_start, litellm_version) = (proxy.start_time, proxy.version.clone());
    proxy.stop().await?;
    let levels = ours
        .into_iter()
        .zip(measured?)
        .map(
            |((concurrency, direct, llm_runner), litellm)| ChatLevelFigures {
                concurrency,
                direct,
                litellm,
                llm_runner,
            },
        )
        .collect();
    Ok(ChatPathsFigures {
        levels,
        settings: settings.clone(),
        tokens,
        litellm_version,
        litellm_start,
        litellm_rss_bytes,
    })
}

async fn measure_litellm(
    proxy: &LiteLlmProxy,
    model: &str,
    expected: String,
    settings: &ChatPathSettings,
    concurrency_levels: &[usize],
) -> anyhow::Result<Vec<PathFigures>> {
    let litellm = ChatCaller::LiteLlm(LiteLlmCaller::new(
        proxy.url(),
        proxy.master_key(),
        model,
        CHAT_PROMPT,
        expected,
    )?);
    let mut levels = Vec::new();
    for &concurrency in concurrency_levels {
        levels.push(measure_path(&litellm, "LiteLLM", concurrency, settings).await?);
    }
    Ok(levels)
}

/// One path at one concurrency level: the warm-up, then the measured load, as figures.
pub async fn measure_path<C: crate::overhead::TimedCall>(
    caller: &C,
    what: &str,
    concurrency: usize,
    settings: &ChatPathSettings,
) -> anyhow::Result<PathFigures> {
    let measured = async {
        drive(caller, concurrency, settings.warmup).await?;
        let outcome = drive(caller, concurrency, settings.requests).await?;
        path_figures(&outcome)
    };
    measured
        .await
        .with_context(|| format!("{what} chats at concurrency {concurrency}"))
}

/// First-token and total percentiles of a load's samples.
pub fn path_figures(outcome: &LoadOutcome) -> anyhow::Result<PathFigures> {
    let first: Vec<Duration> = outcome.samples.iter().map(|s| s.first_token).collect();
    let total: Vec<Duration> = outcome.samples.iter().map(|s| s.total).collect();
    Ok(PathFigures {
        first_token: LatencySummary::from_samples(&first).context("no chats measured")?,
        total: LatencySummary::from_samples(&total).context("no chats measured")?,
        wall_time: outcome.wall_time,
    })
}
