//! What did not work is an `isError` tool result with the reason, never a protocol error:
//! draining davas (via set_draining) leaves gemma4 nowhere to run, so submit_job answers an
//! error naming davas and `draining`; unknown ids and nodes, malformed ids, empty prompts and
//! misspelt arguments say what is wrong.

use anyhow::Context;
use serde_json::json;
use tests::cluster::{ClusterSpec, TestCluster, call_tool, call_tool_ok, result_text};

#[tokio::test]
async fn mcp_tool_failures_are_is_error_results_with_the_reason() -> anyhow::Result<()> {
    let cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    let client = cluster.mcp_http_client(None).await?;

    // Draining davas leaves gemma4 nowhere to run: an isError result naming davas.
    let drained = call_tool_ok(
        &client,
        "set_draining",
        json!({"node": "davas", "draining": true}),
    )
    .await?;
    assert_eq!(drained["state"], "draining");
    let rejected = call_tool(
        &client,
        "submit_job",
        json!({"model": "gemma4:27b", "prompt": "hi"}),
    )
    .await?;
    assert_eq!(rejected.is_error, Some(true));
    assert!(
        result_text(&rejected).contains("davas"),
        "{}",
        result_text(&rejected)
    );
    let structured = rejected
        .structured_content
        .context("no structured rejection")?;
    assert_eq!(
        (&structured["kind"], &structured["rejections"][0]["code"]),
        (&json!("rejected"), &json!("draining"))
    );
    let undrained = call_tool_ok(
        &client,
        "set_draining",
        json!({"node": "davas", "draining": false}),
    )
    .await?;
    assert_eq!(undrained["state"], "ready");

    for (name, arguments, kind) in [
        (
            "get_job",
            json!({"id": "01KB3ZQ4T8Y0ABCDEFGHJKMNPQ"}),
            "not_found",
        ),
        ("get_job", json!({"id": "nope"}), "invalid_argument"),
        (
            "set_draining",
            json!({"node": "nowhere", "draining": true}),
            "not_found",
        ),
        (
            "submit_job",
            json!({"model": "gemma4:27b", "prompt": "  "}),
            "invalid_argument",
        ),
    ] {
        let result = call_tool(&client, name, arguments.clone()).await?;
        assert_eq!(result.is_error, Some(true), "{name} {arguments}");
        let failure = result
            .structured_content
            .clone()
            .context("no structured failure")?;
        assert_eq!(
            failure["kind"],
            kind,
            "{name} {arguments}: {}",
            result_text(&result)
        );
    }
    let typo = call_tool(
        &client,
        "submit_job",
        json!({"model": "gemma4:27b", "promt": "hi"}),
    )
    .await?;
    assert_eq!(typo.is_error, Some(true));
    assert!(
        result_text(&typo).contains("promt"),
        "{}",
        result_text(&typo)
    );
    client.cancel().await?;
    Ok(())
}
