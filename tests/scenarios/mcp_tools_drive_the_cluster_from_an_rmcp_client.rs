//! The MCP tools over streamable HTTP at `/mcp`, from an rmcp client, against the real
//! cluster: nodes and models, a gemma4 job on davas with progress, a detached chat job read back
//! with get_job and list_jobs, a cancelled job, and embeddings. (Draining and the `isError`
//! answers are in `mcp_tool_failures_are_is_error_results_with_the_reason.rs`.)

use std::time::Duration;

use anyhow::{Context, ensure};
use serde_json::{Value, json};
use tests::cluster::{
    ClusterSpec, McpClient, Patience, TestCluster, call_tool, call_tool_ok, eventually, result_text,
};

async fn job_state(client: &McpClient, id: &str) -> anyhow::Result<String> {
    let job = call_tool_ok(client, "get_job", json!({ "id": id })).await?;
    Ok(job["state"].as_str().unwrap_or_default().to_owned())
}

async fn wait_for_state(client: &McpClient, id: &str, wanted: &str) -> anyhow::Result<()> {
    eventually(
        &format!("job {id} to be {wanted}"),
        Patience::seconds(15),
        || async {
            let state = job_state(client, id).await?;
            ensure!(state == wanted, "it is {state}");
            Ok(())
        },
    )
    .await
}

#[tokio::test]
async fn mcp_tools_drive_the_cluster_from_an_rmcp_client() -> anyhow::Result<()> {
    let cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    let client = cluster.mcp_http_client(None).await?;
    let tools = client.list_all_tools().await?;
    assert_eq!(tools.len(), 16);
    for name in ["get_usage", "list_schedules", "run_schedule", "research"] {
        assert!(
            tools.iter().any(|tool| tool.name == name),
            "no `{name}` tool"
        );
    }

    let nodes = call_tool_ok(&client, "list_nodes", json!({})).await?;
    let nodes = nodes["nodes"].as_array().context("no nodes")?;
    assert_eq!(nodes.len(), 3);
    let davas = nodes
        .iter()
        .find(|node| node["name"] == "davas")
        .context("no davas")?;
    assert_eq!(davas["state"], "ready");
    assert!(
        davas["installed_models"]
            .as_array()
            .is_some_and(|m| m.contains(&json!("gemma4:27b")))
    );
    assert!(
        davas["host"]["cpu_cores"].as_u64().unwrap_or(0) > 0,
        "{davas}"
    );

    let models = call_tool_ok(&client, "list_models", json!({})).await?;
    let gemma = models["models"]
        .as_array()
        .and_then(|models| models.iter().find(|model| model["model"] == "gemma4:27b"))
        .context("no gemma4 in list_models")?;
    assert_eq!(
        (&gemma["available_on"], &gemma["routed_nodes"]),
        (&json!(["davas"]), &json!(["davas"]))
    );

    // A waited-for job, with progress notifications for the client's progress token.
    cluster
        .ollama("davas")
        .set_token_delay(Duration::from_millis(30));
    client.service().take();
    let result = call_tool(
        &client,
        "submit_job",
        json!({"model": "gemma4:27b", "prompt": "why is the sky blue?"}),
    )
    .await?;
    let job = result
        .structured_content
        .clone()
        .context("no structured content")?;
    assert_eq!(result.is_error, Some(false), "{}", result_text(&result));
    assert_eq!(
        (&job["state"], &job["node"], &job["served_model"]),
        (&json!("succeeded"), &json!("davas"), &json!("gemma4:27b"))
    );
    assert_eq!(
        serde_json::from_str::<Value>(&result_text(&result))?,
        job,
        "text and structure differ"
    );
    let progress = client.service().take();
    assert!(!progress.is_empty(), "no progress notifications");
    assert!(
        progress
            .windows(2)
            .all(|pair| pair[0].progress < pair[1].progress)
    );
    assert!(
        progress[0]
            .message
            .as_deref()
            .unwrap_or_default()
            .contains("from davas")
    );
    let gemma_id = job["id"].as_str().context("no id")?.to_owned();

    // A detached chat job, followed with get_job and found by list_jobs.
    let queued = call_tool_ok(&client, "submit_job", json!({
        "model": "qwen2.5:14b", "wait": false,
        "messages": [{"role": "system", "content": "be brief"}, {"role": "user", "content": "hello"}]
    })).await?;
    assert_eq!(queued["kind"], "chat");
    let chat_id = queued["id"].as_str().context("no id")?.to_owned();
    wait_for_state(&client, &chat_id, "succeeded").await?;
    let listed = call_tool_ok(
        &client,
        "list_jobs",
        json!({"state": "succeeded", "limit": 1}),
    )
    .await?;
    assert_eq!(listed["jobs"][0]["id"], json!(chat_id));
    assert_eq!(listed["next_before_id"], json!(chat_id));
    let older = call_tool_ok(
        &client,
        "list_jobs",
        json!({"before_id": chat_id, "model": "gemma4:27b"}),
    )
    .await?;
    assert_eq!(older["jobs"][0]["id"], json!(gemma_id));

    // A slow job, cancelled while it runs.
    cluster
        .ollama("davas")
        .set_token_delay(Duration::from_millis(300));
    let slow = call_tool_ok(
        &client,
        "submit_job",
        json!({"model": "gemma4:27b", "prompt": "a long answer", "wait": false}),
    )
    .await?;
    let slow_id = slow["id"].as_str().context("no id")?.to_owned();
    wait_for_state(&client, &slow_id, "running").await?;
    let cancelled = call_tool_ok(&client, "cancel_job", json!({ "id": slow_id })).await?;
    assert_eq!(cancelled["state"], "cancelled");
    let again = call_tool(&client, "cancel_job", json!({ "id": slow_id })).await?;
    assert_eq!(again.is_error, Some(true), "{}", result_text(&again));

    let embedded = call_tool_ok(
        &client,
        "embed",
        json!({"model": "nomic-embed-text:latest", "texts": ["sky", "sea"]}),
    )
    .await?;
    assert_eq!(embedded["node"], "homelab");
    assert_eq!(embedded["embeddings"].as_array().map(Vec::len), Some(2));
    assert!(
        embedded["dimensions"].as_u64().unwrap_or(0) > 0,
        "{embedded}"
    );

    client.cancel().await?;
    Ok(())
}
