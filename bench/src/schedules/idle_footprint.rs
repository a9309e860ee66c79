//! The idle coordinator's cost of its schedules: `runner serve` started with `quiet` daily
//! schedules that do not fire for hours (and one agent), left to settle, then its resident
//! memory read and its CPU time counted over a window. Run once with none and once with many,
//! the difference is what the schedules cost.

use std::time::{Duration, Instant};

use anyhow::{Context, ensure};
use harness::cluster::{ClusterSpec, NodeSpec, TestCluster};
use proto::v1::ListSchedulesRequest;
use proto::v1::schedule_service_client::ScheduleServiceClient;

use super::schedule_toml::quiet_daily_schedules;
use crate::process_stats::{cpu_time, memory_usage};
use crate::{BENCH_MODEL, BENCH_NODE};

/// The coordinator with `quiet` schedules, idle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IdleCoordinatorFigures {
    pub quiet: usize,
    /// Resident memory after the settle time, before the CPU window.
    pub resident_bytes: u64,
    /// Resident memory at the end of the window, and its peak since the start.
    pub resident_after_window_bytes: u64,
    pub peak_resident_bytes: u64,
    /// CPU time over the window, per minute of it.
    pub cpu_ms_per_minute: f64,
    pub window: Duration,
    /// Firings recorded by the end (none expected: the schedules are hours away).
    pub firings: usize,
}

/// Starts a one-node cluster whose coordinator has `quiet` daily schedules, waits `settle`,
/// reads its memory, counts its CPU over `window`.
pub async fn measure_idle_coordinator(
    quiet: usize,
    settle: Duration,
    window: Duration,
) -> anyhow::Result<IdleCoordinatorFigures> {
    let mut spec = ClusterSpec::three_hosts();
    spec.nodes = vec![NodeSpec::new(BENCH_NODE, &[BENCH_MODEL])];
    spec.routes = Vec::new();
    let now = chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now());
    spec.extra_coordinator_toml = quiet_daily_schedules(quiet, BENCH_MODEL, now);
    let cluster = TestCluster::start(spec)
        .await
        .context("cannot start the cluster: build the binaries first (`cargo xtask bench` does)")?;
    let outcome = measure_on(&cluster, quiet, settle, window).await;
    if outcome.is_err() {
        eprintln!("---- cluster logs ----\n{}", cluster.all_logs());
    }
    outcome
}

async fn measure_on(
    cluster: &TestCluster,
    quiet: usize,
    settle: Duration,
    window: Duration,
) -> anyhow::Result<IdleCoordinatorFigures> {
    let pid = cluster.coordinator_pid()?;
    let mut client = ScheduleServiceClient::connect(cluster.grpc_url()).await?;
    let listed = client
        .list_schedules(ListSchedulesRequest {})
        .await?
        .into_inner()
        .schedules;
    ensure!(
        listed.len() == quiet,
        "the coordinator lists {} schedules, not {quiet}",
        listed.len()
    );
    tokio::time::sleep(settle).await;
    let resident_bytes = memory_usage(pid)?.resident_bytes;
    let (cpu_before, started) = (cpu_time(pid)?, Instant::now());
    tokio::time::sleep(window).await;
    let (cpu_after, elapsed) = (cpu_time(pid)?, started.elapsed());
    let memory = memory_usage(pid)?;
    let listed = client
        .list_schedules(ListSchedulesRequest {})
        .await?
        .into_inner()
        .schedules;
    let firings = listed
        .iter()
        .filter(|schedule| schedule.last_firing.is_some())
        .count();
    let cpu = cpu_after.saturating_sub(cpu_before);
    Ok(IdleCoordinatorFigures {
        quiet,
        resident_bytes,
        resident_after_window_bytes: memory.resident_bytes,
        peak_resident_bytes: memory.peak_resident_bytes,
        cpu_ms_per_minute: per_minute(cpu, elapsed),
        window: elapsed,
        firings,
    })
}

/// `used` over `elapsed`, scaled to one minute, in ms.
pub fn per_minute(used: Duration, elapsed: Duration) -> f64 {
    if elapsed.is_zero() {
        return 0.0;
    }
    used.as_secs_f64() * 1000.0 * 60.0 / elapsed.as_secs_f64()
}

#[cfg(test)]
mod tests;
