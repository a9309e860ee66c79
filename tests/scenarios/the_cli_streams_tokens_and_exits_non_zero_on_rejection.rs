//! The `runner` CLI as an operator uses it: submit streams the answer to stdout and exits 0;
//! a rejection exits non-zero with davas' reason on stderr; drain and undrain; listings.

use tests::cluster::{ClusterSpec, TestCluster, binary_path};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[tokio::test]
async fn the_cli_streams_tokens_and_exits_non_zero_on_rejection() -> anyhow::Result<()> {
    let mut cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    let done = cluster
        .cli(&[
            "submit",
            "--model",
            "gemma4:27b",
            "--prompt",
            "why is the sky blue?",
        ])
        .await?;
    assert_eq!(
        done.status.code(),
        Some(0),
        "stderr: {}",
        text(&done.stderr)
    );
    assert!(text(&done.stdout).trim().len() > 5, "no answer on stdout");
    assert!(
        text(&done.stderr).contains("davas"),
        "summary should name the node: {}",
        text(&done.stderr)
    );

    let drained = cluster.cli(&["drain", "davas"]).await?;
    assert_eq!(drained.status.code(), Some(0), "{}", text(&drained.stderr));
    let refused = cluster
        .cli(&["submit", "--model", "gemma4:27b", "--prompt", "hi"])
        .await?;
    assert_ne!(refused.status.code(), Some(0));
    assert!(
        text(&refused.stderr).contains("davas: draining"),
        "{}",
        text(&refused.stderr)
    );
    assert_eq!(
        cluster.cli(&["undrain", "davas"]).await?.status.code(),
        Some(0)
    );

    cluster.kill_agent("davas").await?;
    cluster
        .wait_node_state(
            "davas",
            proto::v1::NodeState::Down,
            tests::cluster::Patience::seconds(2),
        )
        .await?;
    let rejected = cluster
        .cli(&["submit", "--model", "gemma4:27b", "--prompt", "hi"])
        .await?;
    assert_ne!(rejected.status.code(), Some(0));
    assert!(
        text(&rejected.stdout).is_empty(),
        "a rejected job printed an answer: {}",
        text(&rejected.stdout)
    );
    assert!(
        text(&rejected.stderr).contains("davas: agent down since"),
        "{}",
        text(&rejected.stderr)
    );

    let nodes = cluster.cli(&["nodes", "--json"]).await?;
    assert_eq!(nodes.status.code(), Some(0));
    let parsed: serde_json::Value = serde_json::from_slice(&nodes.stdout)?;
    assert!(parsed.to_string().contains("davas"), "{parsed}");
    let models = cluster.cli(&["models"]).await?;
    assert!(
        text(&models.stdout).contains("gemma4:27b"),
        "{}",
        text(&models.stdout)
    );
    let jobs = cluster.cli(&["jobs"]).await?;
    assert_eq!(jobs.status.code(), Some(0));
    assert!(
        text(&jobs.stdout).to_lowercase().contains("rejected"),
        "{}",
        text(&jobs.stdout)
    );
    let unreachable = tokio::process::Command::new(binary_path("runner")?)
        .args(["nodes", "--coordinator", "http://127.0.0.1:9"])
        .output()
        .await?;
    assert_ne!(unreachable.status.code(), Some(0));
    assert!(
        text(&unreachable.stderr).contains("cannot reach the coordinator"),
        "{}",
        text(&unreachable.stderr)
    );
    Ok(())
}
