//! MCP from outside: the official Python MCP SDK (tests/python/mcp_client.py), over streamable
//! HTTP at `/mcp` and over stdio (spawning `runner mcp`), lists the tools, sees gemma4
//! available on davas, runs gemma4 on davas with progress, and — once davas' agent is killed —
//! gets an `isError` result naming davas and why.

use std::path::PathBuf;

use anyhow::{Context, ensure};
use proto::v1::NodeState;
use serde_json::Value;
use tests::cluster::{ClusterSpec, Patience, TestCluster, binary_path};

/// One way of reaching the MCP server, as the script's arguments.
fn transports(cluster: &TestCluster) -> anyhow::Result<Vec<(&'static str, Vec<String>)>> {
    let runner = binary_path("runner")?.display().to_string();
    Ok(vec![
        ("http", vec!["--http".into(), cluster.mcp_url()]),
        (
            "stdio",
            vec![
                "--stdio".into(),
                runner,
                "--coordinator".into(),
                cluster.grpc_url(),
            ],
        ),
    ])
}

async fn python(transport: &[String], args: &[&str]) -> anyhow::Result<Value> {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("python/mcp_client.py");
    let output = tokio::process::Command::new("python3")
        .arg(&script)
        .args(args)
        .args(transport)
        .output()
        .await
        .context("cannot run python3 (run `cargo xtask install`: it installs the mcp package)")?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    ensure!(
        output.status.success(),
        "mcp_client.py {args:?} failed ({}); is the mcp package installed (`cargo xtask install`)?\n{stderr}",
        output.status
    );
    let line = stdout
        .lines()
        .last()
        .with_context(|| format!("no output; stderr: {stderr}"))?;
    serde_json::from_str(line).with_context(|| format!("not JSON: {line}"))
}

fn gemma_nodes(models: &Value) -> Value {
    models["models"]
        .as_array()
        .and_then(|models| models.iter().find(|model| model["model"] == "gemma4:27b"))
        .map(|gemma| gemma["available_on"].clone())
        .unwrap_or(Value::Null)
}

#[tokio::test]
async fn mcp_works_from_the_official_python_sdk() -> anyhow::Result<()> {
    let mut cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    cluster
        .ollama("davas")
        .set_token_delay(std::time::Duration::from_millis(30));
    for (name, transport) in transports(&cluster)? {
        let described = python(&transport, &["describe"]).await?;
        let tools = described["tools"].as_array().context("no tools")?;
        for tool in [
            "list_nodes",
            "list_models",
            "submit_job",
            "get_job",
            "embed",
        ] {
            assert!(
                tools.iter().any(|listed| listed == tool),
                "{name}: no {tool}: {described}"
            );
        }
        assert_eq!(
            described["tools"], described["with_output_schema"],
            "{name}"
        );
        assert_eq!(
            gemma_nodes(&described["models"]),
            serde_json::json!(["davas"]),
            "{name}"
        );

        let submitted = python(&transport, &["submit"]).await?;
        assert_eq!(submitted["is_error"], false, "{name}: {submitted}");
        let job = &submitted["structured"];
        assert_eq!(job["state"], "succeeded", "{name}: {submitted}");
        assert_eq!(
            (&job["node"], &job["served_model"]),
            (&"davas".into(), &"gemma4:27b".into())
        );
        assert!(
            !job["output"].as_str().unwrap_or_default().is_empty(),
            "{name}: {job}"
        );
        let text: Value = serde_json::from_str(submitted["text"].as_str().unwrap_or_default())?;
        assert_eq!(
            &text, job,
            "{name}: the text is not the same as the structured content"
        );
        let progress = submitted["progress"]
            .as_array()
            .context("no progress list")?;
        assert!(!progress.is_empty(), "{name}: no progress: {submitted}");
        assert!(
            progress[0]["message"]
                .as_str()
                .unwrap_or_default()
                .contains("davas")
        );
    }

    cluster.kill_agent("davas").await?;
    cluster
        .wait_node_state("davas", NodeState::Down, Patience::seconds(2))
        .await?;
    for (name, transport) in transports(&cluster)? {
        let rejected = python(&transport, &["submit", "--prompt", "and at sunset?"]).await?;
        assert_eq!(rejected["is_error"], true, "{name}: {rejected}");
        let text = rejected["text"].as_str().unwrap_or_default();
        assert!(
            text.contains("gemma4:27b") && text.contains("davas: agent down since"),
            "{name}: {text}"
        );
        assert_eq!(
            rejected["structured"]["kind"], "rejected",
            "{name}: {rejected}"
        );
        assert_eq!(
            rejected["structured"]["rejections"][0]["node"], "davas",
            "{name}"
        );
        assert_eq!(
            rejected["structured"]["rejections"][0]["code"], "agent_down",
            "{name}"
        );
    }
    Ok(())
}
