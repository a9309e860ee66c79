//! The report through a real `runner serve` on the written data dir: how long the coordinator
//! takes to start on it, `GET /api/usage` and `runner usage --json` (the process, start to
//! exit) for a year by day × model, and the coordinator's resident memory before and after.

use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use harness::cluster::{TestCluster, printed};

use crate::process_stats::memory_usage;

#[derive(Debug, Clone)]
pub struct EndToEndFigures {
    /// From spawning `runner serve` until it answers `/healthz`.
    pub start_up: Duration,
    pub rss_before_bytes: u64,
    pub rss_after_bytes: u64,
    pub peak_rss_after_bytes: u64,
    pub http_runs: Vec<Duration>,
    pub http_body_bytes: usize,
    /// `runner usage` runs; `Err` with the reason when this `runner` cannot run it.
    pub cli_runs: Result<Vec<Duration>, String>,
}

/// Starts the coordinator of `cluster` (its data dir already written) and asks it for usage
/// since `since_day` by day and model, `runs` times over HTTP and `runs` times with the CLI.
pub async fn measure_end_to_end(
    cluster: &mut TestCluster,
    since_day: &str,
    runs: usize,
) -> anyhow::Result<EndToEndFigures> {
    let started = Instant::now();
    cluster
        .start_coordinator()
        .await
        .context("cannot start the coordinator on the written data dir")?;
    let start_up = started.elapsed();
    let pid = cluster.coordinator_pid()?;
    let rss_before_bytes = memory_usage(pid)?.resident_bytes;

    let url = format!(
        "{}/api/usage?since={since_day}&by=day,model",
        cluster.http_url()
    );
    let client = reqwest::Client::new();
    let (mut http_runs, mut http_body_bytes) = (Vec::new(), 0);
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        let response = client.get(&url).send().await?.error_for_status()?;
        let body = response.bytes().await?;
        http_runs.push(started.elapsed());
        http_body_bytes = body.len();
    }
    let cli_runs = time_cli(cluster, since_day, runs).await?;
    let after = memory_usage(pid)?;
    Ok(EndToEndFigures {
        start_up,
        rss_before_bytes,
        rss_after_bytes: after.resident_bytes,
        peak_rss_after_bytes: after.peak_resident_bytes,
        http_runs,
        http_body_bytes,
        cli_runs,
    })
}

/// `runner usage --since DAY --by day,model --json`, timed as a user sees it; `Ok(Err(..))`
/// when the binary has no `usage` command (it is newer than some builds).
async fn time_cli(
    cluster: &TestCluster,
    since_day: &str,
    runs: usize,
) -> anyhow::Result<Result<Vec<Duration>, String>> {
    let args = ["usage", "--since", since_day, "--by", "day,model", "--json"];
    let mut times = Vec::new();
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        let output = cluster.cli(&args).await?;
        let elapsed = started.elapsed();
        if !output.status.success() {
            let stderr = String::from_utf8_lossy(&output.stderr);
            if times.is_empty() && stderr.contains("unrecognized subcommand") {
                return Ok(Err("this runner has no `usage` command".to_owned()));
            }
            bail!("runner usage failed: {}", printed(&output));
        }
        serde_json::from_slice::<serde_json::Value>(&output.stdout).with_context(|| {
            format!("runner usage --json printed no JSON: {}", printed(&output))
        })?;
        times.push(elapsed);
    }
    Ok(Ok(times))
}
