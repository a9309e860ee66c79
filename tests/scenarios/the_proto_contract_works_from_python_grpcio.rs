//! The proto contract from outside: Python grpcio, with stubs generated from our `.proto` files
//! (tests/python/grpc_contract.py), submits a job, reads its token stream, checks gRPC health,
//! and decodes a rejection's structured details.

use std::path::PathBuf;

use anyhow::Context;
use proto::v1::NodeState;
use tests::cluster::{ClusterSpec, Patience, TestCluster};

fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("python/grpc_contract.py")
}

pub(crate) async fn python(
    cluster: &TestCluster,
    args: &[&str],
) -> anyhow::Result<(i32, serde_json::Value)> {
    let address = format!("127.0.0.1:{}", cluster.grpc_port);
    let output = tokio::process::Command::new("python3")
        .arg(script())
        .args(["--coordinator", &address])
        .args(args)
        .output()
        .await
        .context("cannot run python3 (cargo xtask install sets up grpcio)")?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout.lines().last().with_context(|| {
        format!(
            "no output; stderr: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    })?;
    Ok((
        output.status.code().unwrap_or(-1),
        serde_json::from_str(line)?,
    ))
}

#[tokio::test]
async fn the_proto_contract_works_from_python_grpcio() -> anyhow::Result<()> {
    let mut cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    let (code, health) = python(&cluster, &["--health"]).await?;
    assert_eq!((code, health["status"].as_str()), (0, Some("SERVING")));

    cluster
        .ollama("davas")
        .set_token_delay(std::time::Duration::from_millis(30));
    let (code, job) = python(
        &cluster,
        &["--model", "gemma4:27b", "--prompt", "why is the sky blue?"],
    )
    .await?;
    assert_eq!(code, 0, "{job}");
    assert_eq!(job["state"], "JOB_STATE_SUCCEEDED");
    assert_eq!(job["node"], "davas");
    assert_eq!(job["served_model"], "gemma4:27b");
    assert!(job["deltas"].as_u64().unwrap_or(0) > 1, "{job}");
    assert_eq!(job["output"], job["job_output"]);

    cluster.kill_agent("davas").await?;
    cluster
        .wait_node_state("davas", NodeState::Down, Patience::seconds(2))
        .await?;
    let (code, rejection) =
        python(&cluster, &["--model", "gemma4:27b", "--prompt", "again"]).await?;
    assert_eq!(code, 3, "{rejection}");
    assert_eq!(rejection["error_code"], "UNAVAILABLE");
    assert_eq!(rejection["violations"][0]["subject"], "davas");
    assert_eq!(rejection["error_info"]["reason"], "NO_ELIGIBLE_NODE");
    Ok(())
}
