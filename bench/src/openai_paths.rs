//! The same streamed OpenAI-style chat (`POST /v1/chat/completions`, `"stream": true`) three
//! ways, side by side at each concurrency level: straight to the stand-in Ollama's own
//! OpenAI-compatible endpoint (the baseline), through the LiteLLM proxy's `openai/` provider
//! pointed at that endpoint, and through llm-runner's OpenAI-compatible API on the
//! coordinator's HTTP address. Every call is timed to `data: [DONE]` and must carry the
//! stand-in's expected answer.

mod table;

use std::time::Duration;

use anyhow::Context;
use harness::cluster::TestCluster;
use harness::fake_ollama::expected_answer;

pub use table::{openai_paths_table, render_section};

use crate::chat_paths::{CHAT_PROMPT, ChatPathSettings, measure_path};
use crate::litellm::{LiteLlmCaller, LiteLlmProxy};
use crate::overhead::PathFigures;

/// The Bearer key sent to the stand-in and to llm-runner: both take any key, as Ollama does.
const PLACEHOLDER_KEY: &str = "ollama";

#[derive(Debug, Clone)]
pub struct OpenAiLevelFigures {
    pub concurrency: usize,
    pub direct: PathFigures,
    pub litellm: PathFigures,
    /// `None` when llm-runner's endpoint was not there to measure (see `llm_runner_unmeasured`).
    pub llm_runner: Option<PathFigures>,
}

#[derive(Debug, Clone)]
pub struct OpenAiPathsFigures {
    pub levels: Vec<OpenAiLevelFigures>,
    pub settings: ChatPathSettings,
    pub tokens: usize,
    pub model: String,
    /// Why the llm-runner path was not measured, when it was not.
    pub llm_runner_unmeasured: Option<String>,
    /// The installed LiteLLM's version, as its package metadata says.
    pub litellm_version: String,
    /// From spawning the LiteLLM proxy until it answered.
    pub litellm_start: Duration,
    /// The proxy's resident memory after its last chat.
    pub litellm_rss_bytes: Option<u64>,
}

/// Measures the direct and llm-runner paths at every level with `tokens`-token answers, then
/// starts LiteLLM in front of `node`'s stand-in Ollama's `/v1` (config and log in the cluster's
/// dir), measures it at every level and stops it.
pub async fn measure_openai_paths(
    cluster: &TestCluster,
    node: &str,
    model: &str,
    settings: &ChatPathSettings,
    concurrency_levels: &[usize],
    tokens: usize,
) -> anyhow::Result<OpenAiPathsFigures> {
    let ollama = cluster.ollama(node);
    ollama.set_answer_tokens(tokens);
    let expected = expected_answer(CHAT_PROMPT, tokens);
    let chat = |peer: &'static str, base: &str, key: &str| {
        let url = format!("{base}/v1/chat/completions");
        LiteLlmCaller::streamed_chat(peer, url, key, model, CHAT_PROMPT, expected.clone())
    };
    let direct = chat("the stand-in Ollama", &ollama.url(), PLACEHOLDER_KEY)?;
    let llm_runner = chat("llm-runner", &cluster.http_url(), PLACEHOLDER_KEY)?;
    let llm_runner_unmeasured = endpoint_absent(&llm_runner).await?;
    let mut ours = Vec::new();
    for &concurrency in concurrency_levels {
        let direct = measure_path(&direct, "direct /v1", concurrency, settings).await?;
        let llm_runner = match llm_runner_unmeasured {
            Some(_) => None,
            None => Some(measure_path(&llm_runner, "llm-runner /v1", concurrency, settings).await?),
        };
        ours.push((concurrency, direct, llm_runner));
    }
    let api_base = format!("{}/v1", ollama.url());
    let proxy = LiteLlmProxy::start_openai(cluster.dir.path(), model, &api_base).await?;
    let litellm = chat("LiteLLM", proxy.url(), proxy.master_key())?;
    let mut measured = Vec::new();
    for &concurrency in concurrency_levels {
        match measure_path(&litellm, "LiteLLM openai/", concurrency, settings).await {
            Ok(figures) => measured.push(figures),
            Err(error) => {
                proxy.stop().await?;
                return Err(error);
            }
        }
    }
    let litellm_rss_bytes = proxy.rss_bytes().ok();
    let (litellm_start, litellm_version) = (proxy.start_time, proxy.version.clone());
    proxy.stop().await?;
    let levels = ours
        .into_iter()
        .zip(measured)
        .map(
            |((concurrency, direct, llm_runner), litellm)| OpenAiLevelFigures {
                concurrency,
                direct,
                litellm,
                llm_runner,
            },
        )
        .collect();
    Ok(OpenAiPathsFigures {
        levels,
        settings: settings.clone(),
        tokens,
        model: model.to_owned(),
        llm_runner_unmeasured,
        litellm_version,
        litellm_start,
        litellm_rss_bytes,
    })
}

/// Sends one empty chat to `caller`'s endpoint: `Some(reason)` when the route is not there (a
/// 404 or 405 without an OpenAI error body: a build of llm-runner without the OpenAI-compatible
/// API), `None` otherwise. A route that exists but then fails the measured chats fails the run:
/// only a missing route passes as unmeasured.
async fn endpoint_absent(caller: &LiteLlmCaller) -> anyhow::Result<Option<String>> {
    let url = caller.completions_url();
    let response = reqwest::Client::new()
        .post(url)
        .bearer_auth(PLACEHOLDER_KEY)
        .json(&serde_json::json!({"model": "", "messages": [], "stream": true}))
        .timeout(Duration::from_secs(30))
        .send()
        .await
        .with_context(|| format!("cannot reach {url}"))?;
    let status = response.status();
    let body = response.text().await.unwrap_or_default();
    let absent = [
        reqwest::StatusCode::NOT_FOUND,
        reqwest::StatusCode::METHOD_NOT_ALLOWED,
    ];
    // An OpenAI-style error body means the route exists and refused the empty request.
    if absent.contains(&status) && !body.contains("\"error\"") {
        return Ok(Some(format!(
            "{url} answered {status}: the coordinator has no OpenAI-compatible API"
        )));
    }
    Ok(None)
}
