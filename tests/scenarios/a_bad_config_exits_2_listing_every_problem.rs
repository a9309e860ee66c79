//! A coordinator or agent with a bad config exits 2 before binding anything, with one line per
//! problem (a misspelt key is one of them, naming its file line and the key it meant; an
//! override names its variable), and never prints a secret. What is only odd (a misspelt
//! `RUNNER_*` variable, no `[[nodes]]`) is a warning at start.

use std::process::Stdio;
use std::time::Duration;

use anyhow::Context;
use tests::cluster::binary_path;
use tokio::io::{AsyncBufReadExt, BufReader};

#[tokio::test]
async fn a_bad_coordinator_config_exits_2_listing_every_problem() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("coordinator.toml");
    std::fs::write(
        &path,
        "grpc_addr = \"not-an-address\"\nheartbeat_timeout = \"soon\"\nqueue_capasity = 3\n[[nodes]]\nname = \"davas\"\ntoken_env = \"DAVAS_TOKEN_UNSET\"\n[[routes]]\nmodel = \"gemma4:27b\"\nnodes = [\"ghost\"]\n[alerts]\nalert_afer = \"1s\"\n",
    )?;
    let output = tokio::process::Command::new(binary_path("runner")?)
        .args(["serve", "--config"])
        .arg(&path)
        .current_dir(dir.path())
        .env_remove("DAVAS_TOKEN_UNSET")
        .env("RUNNER_MAX_PROMPT_BYTES", "lots")
        .output()
        .await?;
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 7, "{stderr}");
    let file = path.display();
    for expected in [
        "grpc_addr".to_owned(),
        "heartbeat_timeout".to_owned(),
        "DAVAS_TOKEN_UNSET".to_owned(),
        "ghost".to_owned(),
        format!("{file}:3: unknown key `queue_capasity` (did you mean `queue_capacity`?)"),
        format!("{file}:11: unknown key `alert_afer` in [alerts] (did you mean `alert_after`?)"),
        "RUNNER_MAX_PROMPT_BYTES=lots: expected a whole number".to_owned(),
    ] {
        assert!(stderr.contains(&expected), "missing {expected}: {stderr}");
    }
    Ok(())
}

#[tokio::test]
async fn a_toml_syntax_error_is_one_line_with_its_position() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("coordinator.toml");
    std::fs::write(
        &path,
        "grpc_addr = \"127.0.0.1:0\"\nheartbeat_timeout = 3s\n",
    )?;
    let output = tokio::process::Command::new(binary_path("runner")?)
        .args(["serve", "--config"])
        .arg(&path)
        .current_dir(dir.path())
        .output()
        .await?;
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with(&format!("{}:2:21: not valid TOML: ", path.display())),
        "{stderr}"
    );
    assert!(!stderr.contains('^'), "{stderr}");
    Ok(())
}

#[tokio::test]
async fn a_misspelt_override_and_no_nodes_are_warnings_at_start() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("coordinator.toml");
    std::fs::write(
        &path,
        "grpc_addr = \"127.0.0.1:0\"\nhttp_addr = \"127.0.0.1:0\"\ndata_dir = \"data\"\n",
    )?;
    let mut coordinator = tokio::process::Command::new(binary_path("runner")?)
        .args(["serve", "--config"])
        .arg(&path)
        .current_dir(dir.path())
        .env("RUNNER_GRPC_ADR", "127.0.0.1:1")
        .env("NO_COLOR", "1")
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()?;
    let stderr = coordinator.stderr.take().context("no stderr")?;
    let mut lines = BufReader::new(stderr).lines();
    let mut seen = Vec::new();
    tokio::time::timeout(Duration::from_secs(30), async {
        while let Some(line) = lines.next_line().await? {
            let listening = line.contains("coordinator listening");
            seen.push(line);
            if listening {
                break;
            }
        }
        anyhow::Ok(())
    })
    .await
    .with_context(|| format!("the coordinator did not start: {seen:#?}"))??;
    coordinator.kill().await?;
    let log = seen.join("\n");
    for expected in [
        "RUNNER_GRPC_ADR is not a setting and is ignored (did you mean RUNNER_GRPC_ADDR?)",
        "no [[nodes]] configured: no agent can join",
    ] {
        assert!(
            seen.iter()
                .any(|line| line.contains("WARN") && line.contains(expected)),
            "no warning {expected:?} in:\n{log}"
        );
    }
    Ok(())
}

#[tokio::test]
async fn a_bad_agent_config_lists_its_misspelt_key_with_its_other_problems() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("agent.toml");
    std::fs::write(&path, "nod = \"davas\"\nmax_parallel = 0\n")?;
    let output = tokio::process::Command::new(binary_path("runner-agent")?)
        .arg("--config")
        .arg(&path)
        .current_dir(dir.path())
        .env("RUNNER_AGENT_TOKEN", "t")
        .env("RUNNER_PROBE_INTERVAL", "often")
        .output()
        .await?;
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    for expected in [
        format!(
            "{}:1: unknown key `nod` (did you mean `node`?)",
            path.display()
        ),
        "node: missing".to_owned(),
        "max_parallel: must be at least 1".to_owned(),
        "RUNNER_PROBE_INTERVAL=often: expected a duration".to_owned(),
    ] {
        assert!(stderr.contains(&expected), "missing {expected}: {stderr}");
    }
    assert_eq!(stderr.lines().count(), 4, "{stderr}");
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
