//! LiteLLM's proxy with llm-runner as its OpenAI-compatible backend (`openai/<model>`,
//! `api_base` our `/v1`), its own retries, fallbacks and cooldowns off: with davas' agent
//! killed, qwen is still answered through LiteLLM, and gemma4 FAILS through LiteLLM — our
//! 503 passed on with our reason, streamed or not — after exactly one rejected job each,
//! never answered by another model.

use anyhow::Context;
use proto::v1::{JobState, NodeState};
use serde_json::{Value, json};
use tests::cluster::{ClusterSpec, Patience, TestCluster};
use tests::litellm_proxy::{LiteLlmProxy, MASTER_KEY, openai_backend_config};

use crate::support::{GEMMA, QWEN, expect_no_downgrade_in_history};

/// A chat through the proxy: its status and body as text.
async fn chat(proxy: &LiteLlmProxy, model: &str, stream: bool) -> anyhow::Result<(u16, String)> {
    let response = reqwest::Client::new()
        .post(format!("{}/v1/chat/completions", proxy.url()))
        .bearer_auth(MASTER_KEY)
        .json(&json!({
            "model": model,
            "stream": stream,
            "messages": [{"role": "user", "content": "why is the sky blue?"}],
        }))
        .timeout(std::time::Duration::from_secs(60))
        .send()
        .await
        .context("cannot reach the LiteLLM proxy")?;
    Ok((response.status().as_u16(), response.text().await?))
}

#[tokio::test]
async fn litellm_in_front_of_llm_runner_fails_instead_of_answering_with_another_model()
-> anyhow::Result<()> {
    let mut cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    let api_base = format!("{}/v1", cluster.http_url());
    let proxy = LiteLlmProxy::start(&openai_backend_config(&[QWEN, GEMMA], &api_base)).await?;
    cluster.kill_agent("davas").await?;
    cluster
        .wait_node_state("davas", NodeState::Down, Patience::seconds(2))
        .await?;

    let (status, body) = chat(&proxy, QWEN, false).await?;
    assert_eq!(status, 200, "qwen through LiteLLM: {body}\n{}", proxy.log());
    let answer: Value = serde_json::from_str(&body)?;
    let text = answer["choices"][0]["message"]["content"]
        .as_str()
        .unwrap_or_default();
    assert!(!text.is_empty(), "{body}");

    for stream in [false, true] {
        let (status, body) = chat(&proxy, GEMMA, stream).await?;
        // LiteLLM maps our 503 to its ServiceUnavailableError, keeping the status.
        assert_eq!(
            status, 503,
            "gemma4 (stream {stream}) through LiteLLM: {body}"
        );
        assert!(
            body.contains("davas: agent down since") && body.contains("no node can run gemma4"),
            "gemma4 (stream {stream}): LiteLLM's {status} lacks our reason: {body}"
        );
        assert!(!body.contains("[DONE]"), "gemma4 (stream {stream}): {body}");
    }

    // One rejected job per gemma4 request: LiteLLM did not retry, nor run it elsewhere.
    let gemma_jobs: Vec<_> = cluster
        .list_all_jobs()
        .await?
        .into_iter()
        .filter(|job| job.spec.as_ref().is_some_and(|spec| spec.model == GEMMA))
        .collect();
    let states: Vec<i32> = gemma_jobs.iter().map(|job| job.state).collect();
    assert_eq!(states, vec![JobState::Rejected as i32; 2], "{gemma_jobs:?}");
    expect_no_downgrade_in_history(&cluster).await
}
