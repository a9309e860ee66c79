//! The same streamed chat three ways against the stand-in Groq, side by side at each
//! concurrency level: straight to it (`POST /openai/v1/chat/completions`, the baseline),
//! through the LiteLLM proxy's `groq/` provider, and as a job through llm-runner to a Groq node
//! (`runner-agent` with `backend = "groq"`). What LiteLLM and llm-runner each add to the
//! baseline, and the ratio of the two, is what a cloud user choosing between them would pay.

mod load;
mod table;

use std::time::Duration;

use anyhow::Context;
use harness::cluster::{ClusterSpec, NodeSpec, TestCluster, chat_spec};
use harness::fake_providers::{FakeGroq, expected_answer};

pub use load::CloudCaller;
pub use table::{cloud_paths_table, render_section};

use crate::chat_paths::{CHAT_PROMPT, ChatLevelFigures, ChatPathSettings, measure_path};
use crate::litellm::{LiteLlmCaller, LiteLlmProxy};
use crate::overhead::{ClusterCaller, PathFigures};

/// The Groq node and the model every cloud chat names (a model Groq serves).
pub const CLOUD_NODE: &str = "groq";
pub const CLOUD_MODEL: &str = "qwen/qwen3-32b";
/// The stand-in's key: made up, in the shape of Groq's (`gsk_`).
const STAND_IN_KEY: &str = "gsk_bench_standin_5d1e7a";

#[derive(Debug, Clone)]
pub struct CloudPathsFigures {
    /// Per level: `direct` is straight to the stand-in Groq.
    pub levels: Vec<ChatLevelFigures>,
    pub settings: ChatPathSettings,
    pub tokens: usize,
    pub model: String,
    /// The installed LiteLLM's version, as its package metadata says.
    pub litellm_version: String,
    /// From spawning the LiteLLM proxy until it answered.
    pub litellm_start: Duration,
    /// The proxy's resident memory after its last chat.
    pub litellm_rss_bytes: Option<u64>,
}

/// Starts the stand-in Groq and a cluster of one Groq node with a slot per client at the widest
/// level, measures the direct and llm-runner paths at every level with `tokens`-token answers,
/// then starts LiteLLM in front of the same stand-in, measures it at every level and stops it.
pub async fn measure_cloud_paths(
    settings: &ChatPathSettings,
    concurrency_levels: &[usize],
    tokens: usize,
    heartbeat_timeout: Duration,
) -> anyhow::Result<CloudPathsFigures> {
    let groq = FakeGroq::start(STAND_IN_KEY, &[CLOUD_MODEL]).await?;
    groq.set_answer_tokens(tokens);
    let cluster = TestCluster::start(cloud_cluster_spec(
        &groq.base_url(),
        concurrency_levels,
        heartbeat_timeout,
    )?)
    .await
    .context("cannot start the cluster with a Groq node")?;
    let measured = measure_on(&cluster, &groq, settings, concurrency_levels, tokens).await;
    if measured.is_err() {
        eprintln!("---- cluster logs ----\n{}", cluster.all_logs());
    }
    measured
}

async fn measure_on(
    cluster: &TestCluster,
    groq: &FakeGroq,
    settings: &ChatPathSettings,
    concurrency_levels: &[usize],
    tokens: usize,
) -> anyhow::Result<CloudPathsFigures> {
    let expected = expected_answer(CHAT_PROMPT, tokens);
    let direct = CloudCaller::Groq(LiteLlmCaller::openai_compatible(
        "the stand-in Groq",
        format!("{}/chat/completions", groq.base_url()),
        STAND_IN_KEY,
        CLOUD_MODEL,
        CHAT_PROMPT,
        expected.clone(),
    )?);
    let llm_runner = CloudCaller::LlmRunner(Box::new(ClusterCaller::new(
        cluster.jobs_client().await?,
        chat_spec(CLOUD_MODEL, CHAT_PROMPT),
        expected.clone(),
    )));
    let mut ours = Vec::new();
    for &concurrency in concurrency_levels {
        let direct = measure_path(&direct, "direct Groq", concurrency, settings).await?;
        let llm_runner = measure_path(&llm_runner, "llm-runner", concurrency, settings).await?;
        ours.push((concurrency, direct, llm_runner));
    }
    let dir = cluster.dir.path();
    let proxy = LiteLlmProxy::start_groq(dir, CLOUD_MODEL, &groq.base_url(), STAND_IN_KEY).await?;
    let measured = measure_litellm(&proxy, expected, settings, concurrency_levels).await;
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
    Ok(CloudPathsFigures {
        levels,
        settings: settings.clone(),
        tokens,
        model: CLOUD_MODEL.to_owned(),
        litellm_version,
        litellm_start,
        litellm_rss_bytes,
    })
}

async fn measure_litellm(
    proxy: &LiteLlmProxy,
    expected: String,
    settings: &ChatPathSettings,
    concurrency_levels: &[usize],
) -> anyhow::Result<Vec<PathFigures>> {
    let litellm = CloudCaller::LiteLlm(LiteLlmCaller::new(
        proxy.url(),
        proxy.master_key(),
        CLOUD_MODEL,
        CHAT_PROMPT,
        expected,
    )?);
    let mut levels = Vec::new();
    for &concurrency in concurrency_levels {
        levels.push(measure_path(&litellm, "LiteLLM (groq/)", concurrency, settings).await?);
    }
    Ok(levels)
}

/// One Groq node (its agent: `backend = "groq"`, the stand-in's `base_url`, the key in
/// `GROQ_API_KEY`) offering [`CLOUD_MODEL`], with enough slots that no level queues.
pub fn cloud_cluster_spec(
    base_url: &str,
    concurrency_levels: &[usize],
    heartbeat_timeout: Duration,
) -> anyhow::Result<ClusterSpec> {
    let widest = concurrency_levels.iter().copied().max().unwrap_or(1).max(1);
    let node = NodeSpec::provider(CLOUD_NODE, "groq", base_url, STAND_IN_KEY)
        .agent_toml(&format!("models = [\"{CLOUD_MODEL}\"]"))
        .max_parallel(u32::try_from(widest)?);
    Ok(ClusterSpec {
        nodes: vec![node],
        routes: Vec::new(),
        heartbeat_timeout,
        disconnect_grace: Duration::ZERO,
        queue_capacity: widest * 2,
        extra_coordinator_toml: String::new(),
        coordinator_env: Vec::new(),
        agent_env: Vec::new(),
        temp_root: None,
    })
}

#[cfg(test)]
mod tests;
