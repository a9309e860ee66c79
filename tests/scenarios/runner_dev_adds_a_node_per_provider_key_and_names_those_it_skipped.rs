//! `runner dev` with `GROQ_API_KEY` in its environment (and `GROQ_BASE_URL` pointing at the
//! stand-in Groq) starts a `groq` node beside the local one; its log says which providers it
//! started and which it skipped and why; a Groq model answers through it; the key is never
//! logged.

use std::time::Duration;

use tests::cluster::{ManagedProcess, Patience, Signal, binary_path, eventually};
use tests::fake_ollama::FakeOllama;
use tests::fake_providers::FakeGroq;

const KEY: &str = "gsk_runner_dev_scenario_a11c";
const QWEN3: &str = "qwen/qwen3-32b";

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

#[tokio::test]
async fn runner_dev_adds_a_node_per_provider_key_and_names_those_it_skipped() -> anyhow::Result<()>
{
    let dir = tempfile::tempdir()?;
    let ollama = FakeOllama::start(&["qwen2.5:14b"]).await?;
    let groq = FakeGroq::start(KEY, &[QWEN3]).await?;
    let (grpc, http) = (free_port()?, free_port()?);
    let args = [
        "dev",
        "--ollama-url",
        &ollama.url(),
        "--data-dir",
        &dir.path().join("data").display().to_string(),
    ]
    .map(String::from);
    let envs = [
        ("RUNNER_GRPC_ADDR", format!("127.0.0.1:{grpc}")),
        ("RUNNER_HTTP_ADDR", format!("127.0.0.1:{http}")),
        ("GROQ_API_KEY", KEY.to_owned()),
        ("GROQ_BASE_URL", groq.base_url()),
        (
            "CLAUDE_API_KEY",
            "sk-ant-only-under-the-old-name".to_owned(),
        ),
    ]
    .map(|(k, v)| (k.to_owned(), v));
    let mut dev = ManagedProcess::spawn(
        "runner-dev",
        &binary_path("runner")?,
        &args,
        &envs,
        dir.path(),
    )?;
    let nodes_url = format!("http://127.0.0.1:{http}/api/nodes");
    eventually(
        "the groq node to be ready",
        Patience::seconds(20),
        || async {
            let nodes: serde_json::Value = reqwest::get(&nodes_url).await?.json().await?;
            let groq = nodes["nodes"]
                .as_array()
                .and_then(|nodes| nodes.iter().find(|node| node["name"] == "groq"))
                .cloned()
                .unwrap_or_default();
            anyhow::ensure!(
                groq["state"] == "NODE_STATE_READY" && groq["backend"] == "groq",
                "{nodes}"
            );
            Ok(())
        },
    )
    .await?;
    let submit = tokio::process::Command::new(binary_path("runner")?)
        .args([
            "submit",
            "--model",
            QWEN3,
            "--prompt",
            "hello",
            "--coordinator",
        ])
        .arg(format!("http://127.0.0.1:{grpc}"))
        .output()
        .await?;
    let said = String::from_utf8_lossy(&submit.stderr);
    assert_eq!(submit.status.code(), Some(0), "{said}");
    assert!(said.contains("served by groq"), "{said}");

    let log = dev.log();
    let line = log
        .lines()
        .find(|line| line.contains("runner dev: cloud provider nodes"))
        .unwrap_or_else(|| panic!("no line about provider nodes:\n{log}"));
    assert!(
        line.contains("groq") && line.contains("gemini (GEMINI_API_KEY is not set)"),
        "{line}"
    );
    assert!(
        line.contains("anthropic (ANTHROPIC_API_KEY is not set)"),
        "{line}"
    );

    dev.signal(Signal::Terminate)?;
    let status = tokio::time::timeout(Duration::from_secs(15), dev.wait()).await??;
    assert!(
        status.success(),
        "runner dev exited {status:?}:\n{}",
        dev.log()
    );
    assert!(!dev.log().contains(KEY), "the API key reached the log");
    Ok(())
}
