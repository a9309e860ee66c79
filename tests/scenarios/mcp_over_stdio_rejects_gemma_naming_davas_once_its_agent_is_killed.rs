//! `runner mcp --coordinator URL` (MCP on stdio, as desktop assistants start it), from an rmcp
//! client: gemma4 is available on davas and runs there; with davas' agent killed the same call
//! is an `isError` result naming davas and why; with the coordinator gone, calls say it cannot
//! be reached, and work again once it is back.

use anyhow::Context;
use proto::v1::NodeState;
use serde_json::json;
use tests::cluster::{
    ClusterSpec, Patience, TestCluster, call_tool, call_tool_ok, eventually, result_text,
};

#[tokio::test]
async fn mcp_over_stdio_rejects_gemma_naming_davas_once_its_agent_is_killed() -> anyhow::Result<()>
{
    let mut cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    let client = cluster.mcp_stdio_client().await?;
    let models = call_tool_ok(&client, "list_models", json!({})).await?;
    let gemma = models["models"]
        .as_array()
        .and_then(|models| models.iter().find(|model| model["model"] == "gemma4:27b"))
        .context("no gemma4 in list_models")?;
    assert_eq!(gemma["available_on"], json!(["davas"]));
    let job = call_tool_ok(
        &client,
        "submit_job",
        json!({"model": "gemma4:27b", "prompt": "why?"}),
    )
    .await?;
    assert_eq!(
        (&job["state"], &job["node"]),
        (&json!("succeeded"), &json!("davas"))
    );

    cluster.kill_agent("davas").await?;
    cluster
        .wait_node_state("davas", NodeState::Down, Patience::seconds(2))
        .await?;
    let rejected = call_tool(
        &client,
        "submit_job",
        json!({"model": "gemma4:27b", "prompt": "again"}),
    )
    .await?;
    assert_eq!(rejected.is_error, Some(true));
    let text = result_text(&rejected);
    assert!(
        text.starts_with("rejected: no node can run gemma4:27b"),
        "{text}"
    );
    assert!(text.contains("\n  davas: agent down since"), "{text}");
    let structured = rejected
        .structured_content
        .context("no structured rejection")?;
    assert_eq!(structured["rejections"][0]["code"], "agent_down");
    let qwen = call_tool_ok(
        &client,
        "submit_job",
        json!({"model": "qwen2.5:14b", "prompt": "hi"}),
    )
    .await?;
    assert_eq!(qwen["served_model"], "qwen2.5:14b");
    assert_ne!(qwen["node"], "davas");

    cluster.kill_coordinator().await?;
    let unreachable = call_tool(&client, "list_nodes", json!({})).await?;
    assert_eq!(unreachable.is_error, Some(true));
    let text = result_text(&unreachable);
    assert!(
        text.starts_with(&format!(
            "cannot reach the coordinator at {}",
            cluster.grpc_url()
        )),
        "{text}"
    );

    cluster.start_coordinator().await?;
    eventually(
        "the tools to reach the coordinator again",
        Patience::seconds(15),
        || async { call_tool_ok(&client, "list_nodes", json!({})).await },
    )
    .await?;
    client.cancel().await?;
    Ok(())
}
