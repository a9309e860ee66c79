//! With `RUNNER_MCP_TOKEN` set, `/mcp` answers only requests bearing that token (401 with a
//! `WWW-Authenticate` challenge otherwise), and only `Host` names it knows: the bound address,
//! localhost and `[mcp] allowed_hosts` (403 for any other, against DNS rebinding).

use anyhow::Context;
use reqwest::StatusCode;
use serde_json::json;
use tests::cluster::{ClusterSpec, TestCluster, call_tool_ok};

const TOKEN: &str = "mcp-test-token-7f3a";
const INITIALIZE: &str = r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"scenario","version":"1"}}}"#;

async fn initialize(
    cluster: &TestCluster,
    host: &str,
    token: Option<&str>,
) -> anyhow::Result<reqwest::Response> {
    let mut request = reqwest::Client::new()
        .post(cluster.mcp_url())
        .header("host", host)
        .header("content-type", "application/json")
        .header("accept", "application/json, text/event-stream")
        .body(INITIALIZE);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    Ok(request.send().await?)
}

#[tokio::test]
async fn mcp_over_http_needs_the_bearer_token_and_a_known_host() -> anyhow::Result<()> {
    let mut spec = ClusterSpec::three_hosts().coordinator_env("RUNNER_MCP_TOKEN", TOKEN);
    spec.extra_coordinator_toml = "\n[mcp]\nallowed_hosts = [\"runner.tailnet.test\"]\n".into();
    let cluster = TestCluster::start(spec).await?;
    let bound = format!("127.0.0.1:{}", cluster.http_port);

    assert!(
        cluster.mcp_http_client(None).await.is_err(),
        "a client without the token got in"
    );
    assert!(
        cluster.mcp_http_client(Some("wrong")).await.is_err(),
        "a wrong token got in"
    );
    for token in [None, Some("wrong")] {
        let refused = initialize(&cluster, &bound, token).await?;
        assert_eq!(refused.status(), StatusCode::UNAUTHORIZED, "{token:?}");
        assert!(refused.headers().contains_key("www-authenticate"));
    }

    let client = cluster.mcp_http_client(Some(TOKEN)).await?;
    let nodes = call_tool_ok(&client, "list_nodes", json!({})).await?;
    assert_eq!(nodes["nodes"].as_array().map(Vec::len), Some(3));
    client.cancel().await?;

    for host in [bound.as_str(), "localhost", "runner.tailnet.test"] {
        let answered = initialize(&cluster, host, Some(TOKEN)).await?;
        assert_eq!(answered.status(), StatusCode::OK, "Host: {host}");
    }
    let rebound = initialize(&cluster, "attacker.example", Some(TOKEN)).await?;
    assert_eq!(rebound.status(), StatusCode::FORBIDDEN);
    let log = cluster.coordinator_log();
    assert!(!log.contains(TOKEN), "the token was logged");
    assert!(
        log.contains("mcp: serving streamable HTTP"),
        "{}",
        log.lines().last().context("no log")?
    );
    Ok(())
}
