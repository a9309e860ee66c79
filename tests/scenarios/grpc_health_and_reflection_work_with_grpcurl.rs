//! grpcurl (an outside gRPC tool that knows only reflection v1alpha) lists our services through
//! reflection, checks the standard health service, and can call the API without our .proto files.

use anyhow::Context;
use tests::cluster::{ClusterSpec, TestCluster};

async fn grpcurl(cluster: &TestCluster, args: &[&str]) -> anyhow::Result<String> {
    let address = format!("127.0.0.1:{}", cluster.grpc_port);
    let output = tokio::process::Command::new("grpcurl")
        .arg("-plaintext")
        .args(args.iter().take(args.len().saturating_sub(1)))
        .arg(&address)
        .args(args.last())
        .output()
        .await
        .context("cannot run grpcurl (cargo xtask install installs it)")?;
    anyhow::ensure!(
        output.status.success(),
        "grpcurl {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[tokio::test]
async fn grpc_health_and_reflection_work_with_grpcurl() -> anyhow::Result<()> {
    let cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    let services = grpcurl(&cluster, &["list"]).await?;
    for service in [
        "llm_runner.v1.JobService",
        "llm_runner.v1.ClusterService",
        "grpc.health.v1.Health",
    ] {
        assert!(
            services.contains(service),
            "{service} missing from:\n{services}"
        );
    }
    let health = grpcurl(&cluster, &["grpc.health.v1.Health/Check"]).await?;
    assert!(health.contains("SERVING"), "{health}");
    let models = grpcurl(&cluster, &["llm_runner.v1.ClusterService/ListModels"]).await?;
    assert!(
        models.contains("gemma4:27b") && models.contains("davas"),
        "{models}"
    );
    Ok(())
}
