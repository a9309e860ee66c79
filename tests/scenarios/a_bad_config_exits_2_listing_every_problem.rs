//! A coordinator or agent with a bad config exits 2 before binding anything, with one line per
//! problem, and never prints a secret.

use tests::cluster::binary_path;

#[tokio::test]
async fn a_bad_coordinator_config_exits_2_listing_every_problem() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("coordinator.toml");
    std::fs::write(
        &path,
        "grpc_addr = \"not-an-address\"\nheartbeat_timeout = \"soon\"\n[[nodes]]\nname = \"davas\"\ntoken_env = \"DAVAS_TOKEN_UNSET\"\n[[routes]]\nmodel = \"gemma4:27b\"\nnodes = [\"ghost\"]\n",
    )?;
    let output = tokio::process::Command::new(binary_path("runner")?)
        .args(["serve", "--config"])
        .arg(&path)
        .current_dir(dir.path())
        .env_remove("DAVAS_TOKEN_UNSET")
        .output()
        .await?;
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 4, "{stderr}");
    for expected in [
        "grpc_addr",
        "heartbeat_timeout",
        "DAVAS_TOKEN_UNSET",
        "ghost",
    ] {
        assert!(stderr.contains(expected), "missing {expected}: {stderr}");
    }
    Ok(())
}

#[tokio::test]
async fn a_missing_agent_token_exits_2_without_connecting() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let output = tokio::process::Command::new(binary_path("runner-agent")?)
        .current_dir(dir.path())
        .env("RUNNER_NODE", "davas")
        .env_remove("RUNNER_AGENT_TOKEN")
        .output()
        .await?;
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("RUNNER_AGENT_TOKEN"));
    Ok(())
}
