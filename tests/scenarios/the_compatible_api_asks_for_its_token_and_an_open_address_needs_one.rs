//! The OpenAI- and Ollama-compatible API behind `RUNNER_API_TOKEN`: without it a request is
//! refused in its dialect's shape, with it the model answers; the start-up log says which.
//! A coordinator whose `http_addr` is reachable beyond loopback and Tailscale refuses to
//! start without a token (exit 2, naming the variable).

use serde_json::json;
use tests::cluster::{ClusterSpec, TestCluster, binary_path};

use crate::support::QWEN;

const TOKEN: &str = "api-token-for-the-scenario-7c1e";

#[tokio::test]
async fn the_compatible_api_asks_for_its_token() -> anyhow::Result<()> {
    let spec = ClusterSpec::three_hosts().coordinator_env("RUNNER_API_TOKEN", TOKEN);
    let cluster = TestCluster::start(spec).await?;
    let http = reqwest::Client::new();
    let chat = json!({"model": QWEN, "messages": [{"role": "user", "content": "hi"}]});
    let url = format!("{}/v1/chat/completions", cluster.http_url());

    let refused = http.post(&url).json(&chat).send().await?;
    assert_eq!(refused.status(), 401);
    let body: serde_json::Value = refused.json().await?;
    assert_eq!(body["error"]["code"], "invalid_api_key");
    let wrong = http
        .post(&url)
        .bearer_auth("nope")
        .json(&chat)
        .send()
        .await?;
    assert_eq!(wrong.status(), 401);
    let models = http
        .get(format!("{}/v1/models", cluster.http_url()))
        .send()
        .await?;
    assert_eq!(models.status(), 401);

    let answered = http
        .post(&url)
        .bearer_auth(TOKEN)
        .json(&chat)
        .send()
        .await?;
    assert_eq!(answered.status(), 200);
    let body: serde_json::Value = answered.json().await?;
    assert_eq!(body["model"], QWEN);
    assert!(!cluster.list_all_jobs().await?.is_empty());

    // The core's own endpoints are not behind this token (the web token guards them).
    let health = http
        .get(format!("{}/healthz", cluster.http_url()))
        .send()
        .await?;
    assert_eq!(health.status(), 200);
    let logs = cluster.all_logs();
    assert!(
        logs.contains("bearer token required (from RUNNER_API_TOKEN)"),
        "start-up does not say the API needs its token"
    );
    assert!(!logs.contains(TOKEN), "the token reached a log");
    Ok(())
}

#[tokio::test]
async fn an_address_open_beyond_the_tailnet_needs_the_api_token() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("coordinator.toml");
    std::fs::write(
        &path,
        "http_addr = \"0.0.0.0:0\"\ngrpc_addr = \"127.0.0.1:0\"\n",
    )?;
    let output = tokio::process::Command::new(binary_path("runner")?)
        .args(["serve", "--config"])
        .arg(&path)
        .current_dir(dir.path())
        .env_remove("RUNNER_API_TOKEN")
        .env_remove("RUNNER_WEB_TOKEN")
        .output()
        .await?;
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("http_addr 0.0.0.0:0 is not a loopback or Tailscale address")
            && stderr.contains("set RUNNER_API_TOKEN"),
        "{stderr}"
    );
    Ok(())
}
