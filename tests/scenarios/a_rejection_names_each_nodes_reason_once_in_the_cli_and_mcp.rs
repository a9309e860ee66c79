//! qwen2.5:14b cannot run anywhere: contabo drains, homelab's Ollama stops, davas' agent is
//! killed. The real `runner submit` prints the headline, then each node's reason exactly once;
//! MCP's `submit_job` result does the same. A lost agent reads "connection to the agent lost",
//! never the transport's words, and a model nobody has gets a "did you mean".

use proto::v1::NodeState;
use serde_json::json;
use tests::cluster::{ClusterSpec, Patience, TestCluster, call_tool, result_text};

const QWEN: &str = "qwen2.5:14b";

/// Each node's reason, as the coordinator words it, must appear exactly once in `text`.
fn expect_each_reason_once(text: &str) {
    for reason in [
        "contabo: draining",
        "homelab: ollama not answering",
        "davas: agent down since",
        "no node can run qwen2.5:14b",
    ] {
        assert_eq!(text.matches(reason).count(), 1, "{reason:?} in:\n{text}");
    }
    assert!(
        text.contains(": connection to the agent lost\n"),
        "a lost agent's reason: {text}"
    );
    assert!(!text.contains("h2 protocol"), "{text}");
}

#[tokio::test]
async fn a_rejection_names_each_nodes_reason_once_in_the_cli_and_mcp() -> anyhow::Result<()> {
    let mut cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    let drained = cluster.cli(&["drain", "contabo"]).await?;
    assert_eq!(drained.status.code(), Some(0));
    cluster.ollama("homelab").stop_answering().await;
    cluster.kill_agent("davas").await?;
    cluster
        .wait_node_state("homelab", NodeState::OllamaDown, Patience::seconds(5))
        .await?;
    cluster
        .wait_node_state("davas", NodeState::Down, Patience::seconds(5))
        .await?;

    let rejected = cluster
        .cli(&["submit", "--model", QWEN, "--prompt", "hi"])
        .await?;
    let stderr = String::from_utf8_lossy(&rejected.stderr).into_owned();
    assert_eq!(rejected.status.code(), Some(3), "{stderr}");
    expect_each_reason_once(&stderr);

    let client = cluster.mcp_stdio_client().await?;
    let result = call_tool(
        &client,
        "submit_job",
        json!({"model": QWEN, "prompt": "hi"}),
    )
    .await?;
    assert_eq!(result.is_error, Some(true));
    let text = format!("{}\n", result_text(&result));
    expect_each_reason_once(&text);
    assert!(text.contains("(recorded as job "), "{text}");

    let typo = cluster
        .cli(&["submit", "--model", "gemma4", "--prompt", "hi"])
        .await?;
    let stderr = String::from_utf8_lossy(&typo.stderr);
    assert!(
        stderr.contains("no node can run gemma4:latest; did you mean gemma4:27b?"),
        "{stderr}"
    );
    let drain_typo = cluster.cli(&["drain", "davs"]).await?;
    let stderr = String::from_utf8_lossy(&drain_typo.stderr);
    assert!(
        stderr.contains("no node named davs; did you mean davas?"),
        "{stderr}"
    );
    client.cancel().await?;
    Ok(())
}
