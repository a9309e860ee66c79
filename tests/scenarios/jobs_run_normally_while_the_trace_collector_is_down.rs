//! Trace export to a collector that is not there costs jobs nothing: they run as usual, and
//! the failures show up as a counter on `/metrics` and a rate-limited warning in the log.

use std::time::{Duration, Instant};

use anyhow::ensure;
use proto::v1::JobState;
use tests::cluster::{ClusterSpec, Patience, TestCluster, eventually, generate_spec};

use crate::support::{GEMMA, QWEN};

#[tokio::test]
async fn jobs_run_normally_while_the_trace_collector_is_down() -> anyhow::Result<()> {
    // A port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let nowhere = format!("http://127.0.0.1:{port}");
    let spec = ClusterSpec::three_hosts()
        .coordinator_env("OTEL_EXPORTER_OTLP_ENDPOINT", &nowhere)
        .coordinator_env("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
        .coordinator_env("OTEL_BSP_SCHEDULE_DELAY", "100")
        .agent_env("OTEL_EXPORTER_OTLP_ENDPOINT", &nowhere)
        .agent_env("OTEL_BSP_SCHEDULE_DELAY", "100");
    let cluster = TestCluster::start(spec).await?;

    let started = Instant::now();
    for model in [GEMMA, QWEN, GEMMA] {
        let watched = cluster.run_job(generate_spec(model, "still fine?")).await?;
        assert_eq!(
            watched.job.state,
            JobState::Succeeded as i32,
            "{}",
            watched.job.reason
        );
    }
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "three jobs took {:?}: export failures slowed them",
        started.elapsed()
    );

    let metrics_url = format!("{}/metrics", cluster.http_url());
    eventually(
        "export failures to be counted and reported",
        Patience::seconds(30),
        || async {
            let exposition = reqwest::get(&metrics_url).await?.text().await?;
            let failures: f64 = exposition
                .lines()
                .find_map(|line| line.strip_prefix("llm_runner_trace_export_failures_total "))
                .unwrap_or("0")
                .trim()
                .parse()?;
            ensure!(failures >= 1.0, "no export failure counted yet");
            ensure!(
                cluster.coordinator_log().contains("cannot export traces"),
                "no warning in the coordinator's log yet"
            );
            Ok(())
        },
    )
    .await?;
    let log = cluster.coordinator_log();
    assert_eq!(
        log.matches("cannot export traces").count(),
        1,
        "export failures are reported at most once a minute: {log}"
    );
    Ok(())
}
