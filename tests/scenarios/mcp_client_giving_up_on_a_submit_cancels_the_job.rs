//! An MCP client that cancels its waiting `submit_job` call (the assistant's user pressed
//! stop) gets the job cancelled on the cluster: the node's Ollama request is aborted and the
//! job ends `cancelled`, so nothing runs on for nobody.

use std::time::Duration;

use anyhow::{Context, ensure};
use serde_json::json;
use tests::cluster::{ClusterSpec, Patience, TestCluster, call_tool, call_tool_ok, eventually};

#[tokio::test]
async fn mcp_client_giving_up_on_a_submit_cancels_the_job() -> anyhow::Result<()> {
    let cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    let davas = cluster.ollama("davas");
    davas.set_token_delay(Duration::from_millis(300));
    let client = cluster.mcp_http_client(None).await?;

    // Dropping the call's future makes rmcp send notifications/cancelled for it.
    let waiting = call_tool(
        &client,
        "submit_job",
        json!({"model": "gemma4:27b", "prompt": "a long answer please"}),
    );
    let running_id = async {
        eventually("the job to run", Patience::seconds(15), || async {
            let listed = call_tool_ok(&client, "list_jobs", json!({"state": "running"})).await?;
            let id = listed["jobs"][0]["id"]
                .as_str()
                .context("nothing running yet")?;
            Ok(id.to_owned())
        })
        .await
    };
    let id = tokio::select! {
        finished = waiting => anyhow::bail!("submit_job ended before it was cancelled: {finished:?}"),
        id = running_id => id?,
    };

    eventually("the job to be cancelled", Patience::seconds(10), || async {
        let job = call_tool_ok(&client, "get_job", json!({ "id": id })).await?;
        ensure!(job["state"] == "cancelled", "job is {}", job["state"]);
        Ok(())
    })
    .await?;
    eventually(
        "Ollama to see its request aborted",
        Patience::seconds(5),
        || async {
            ensure!(
                davas.aborted_streams() > 0 && davas.active_streams() == 0,
                "stream still open"
            );
            Ok(())
        },
    )
    .await?;
    client.cancel().await?;
    Ok(())
}
