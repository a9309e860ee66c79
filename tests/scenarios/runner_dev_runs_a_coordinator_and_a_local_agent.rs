//! `runner dev` is the newcomer's first command: a coordinator and a local agent in one process
//! against the Ollama on this machine; a submit works and SIGTERM stops it cleanly.

use std::time::Duration;

use tests::cluster::{ManagedProcess, Patience, Signal, binary_path, eventually};
use tests::fake_ollama::FakeOllama;

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

#[tokio::test]
async fn runner_dev_runs_a_coordinator_and_a_local_agent() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let ollama = FakeOllama::start(&["qwen2.5:14b"]).await?;
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
    ]
    .map(|(k, v)| (k.to_owned(), v));
    let mut dev = ManagedProcess::spawn(
        "runner-dev",
        &binary_path("runner")?,
        &args,
        &envs,
        dir.path(),
    )?;
    let models_url = format!("http://127.0.0.1:{http}/api/models");
    eventually(
        "the local node to offer qwen",
        Patience::seconds(20),
        || async {
            let models: serde_json::Value = reqwest::get(&models_url).await?.json().await?;
            anyhow::ensure!(models["models"][0]["available"] == true, "{models}");
            Ok(())
        },
    )
    .await?;
    let submit = tokio::process::Command::new(binary_path("runner")?)
        .args([
            "submit",
            "--model",
            "qwen2.5:14b",
            "--prompt",
            "hello",
            "--coordinator",
            &format!("http://127.0.0.1:{grpc}"),
        ])
        .output()
        .await?;
    assert_eq!(
        submit.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&submit.stderr)
    );
    assert!(!submit.stdout.is_empty());

    dev.signal(Signal::Terminate)?;
    let status = tokio::time::timeout(Duration::from_secs(15), dev.wait()).await??;
    assert!(
        status.success(),
        "runner dev exited {status:?}:\n{}",
        dev.log()
    );
    Ok(())
}
