//! One accuracy run: a one-node cluster whose coordinator has `ticking` schedules firing every
//! second (and, if asked, quiet daily schedules beside them), the bench's own timed submits
//! alongside as the baseline, an optional bounded CPU load; then every slot of the measured
//! window read back from the coordinator.

use std::time::Duration;

use anyhow::Context;
use harness::cluster::{ClusterSpec, NodeSpec, TestCluster};

use super::accuracy_samples::{
    SlotSamples, SlotWindow, baseline_samples, firing_samples, firings_in,
};
use super::cpu_load::CpuLoad;
use super::schedule_toml::{every_second_schedules, quiet_daily_schedules};
use super::timed_submits::{next_whole_second_ms, run_timed_submits, wall_ms};
use crate::{BENCH_MODEL, BENCH_NODE};

/// Seconds of firing before the measured window (the first pass, warm connections).
const WARMUP_MS: i64 = 2_000;

/// After the window, how long the last slots' jobs get to start before they are read.
const SETTLE: Duration = Duration::from_secs(2);

/// What one accuracy run does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccuracyRun {
    pub label: String,
    /// `* * * * * *` schedules (and as many baseline submit tasks).
    pub ticking: usize,
    /// Daily schedules that do not fire during the run, configured beside the ticking ones.
    pub quiet: usize,
    /// Busy threads for the run's length; 0: no added load.
    pub cpu_load_threads: usize,
    pub window: Duration,
    /// Tokens in each stand-in answer.
    pub answer_tokens: usize,
}

impl AccuracyRun {
    /// What every run has in common: schedules, window, answer length, cores.
    pub fn description(&self) -> String {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        format!(
            "{} `* * * * * *` chat schedules (overlap = skip) for {:.0} s per run after a 2 s \
             warm-up, {} answer tokens, on {cores} cores",
            self.ticking,
            self.window.as_secs_f64(),
            self.answer_tokens
        )
    }
}

#[derive(Debug, Clone)]
pub struct AccuracyFigures {
    pub run: AccuracyRun,
    /// Slots in the window over every ticking schedule: the firings owed.
    pub slots: usize,
    pub scheduler: SlotSamples,
    pub baseline: SlotSamples,
    /// `/proc/loadavg`'s one-minute figure at the end of the window.
    pub load_average: Option<f64>,
}

/// The one node with slots for every job of a second and then some: jobs never queue.
fn accuracy_cluster_spec(run: &AccuracyRun) -> anyhow::Result<ClusterSpec> {
    let slots = u32::try_from(run.ticking.max(1) * 4)?;
    let mut spec = ClusterSpec::three_hosts();
    spec.nodes = vec![NodeSpec::new(BENCH_NODE, &[BENCH_MODEL]).max_parallel(slots)];
    spec.routes = Vec::new();
    spec.queue_capacity = run.ticking.max(1) * 8;
    let now = chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now());
    spec.extra_coordinator_toml = every_second_schedules(run.ticking, BENCH_MODEL)
        + &quiet_daily_schedules(run.quiet, BENCH_MODEL, now);
    Ok(spec)
}

/// Starts the cluster, runs the window, reads the figures, tears everything down.
pub async fn measure_accuracy(run: &AccuracyRun) -> anyhow::Result<AccuracyFigures> {
    let cluster = TestCluster::start(accuracy_cluster_spec(run)?)
        .await
        .context("cannot start the cluster: build the binaries first (`cargo xtask bench` does)")?;
    cluster
        .ollama(BENCH_NODE)
        .set_answer_tokens(run.answer_tokens);
    let outcome = measure_on(&cluster, run).await;
    if outcome.is_err() {
        eprintln!("---- cluster logs ----\n{}", cluster.all_logs());
    }
    outcome
}

async fn measure_on(cluster: &TestCluster, run: &AccuracyRun) -> anyhow::Result<AccuracyFigures> {
    let from_ms = next_whole_second_ms(wall_ms()? + WARMUP_MS);
    let until_ms = from_ms + i64::try_from(run.window.as_millis())?;
    let window = SlotWindow { from_ms, until_ms };
    // Bounded: the threads stop by themselves a little after the window even if this fails.
    let at_most = run.window + Duration::from_millis(2 * WARMUP_MS as u64) + SETTLE;
    let load = CpuLoad::start(run.cpu_load_threads, at_most)?;
    let submits = run_timed_submits(cluster, run.ticking, BENCH_MODEL, until_ms).await?;
    let load_average = crate::memory_scale::load_average();
    drop(load);
    tokio::time::sleep(SETTLE).await;
    let names: Vec<String> = (0..run.ticking).map(|i| format!("tick-{i}")).collect();
    let firings = firings_in(cluster, &names, window).await?;
    Ok(AccuracyFigures {
        run: run.clone(),
        slots: window.slots() * run.ticking,
        scheduler: firing_samples(cluster, &firings).await?,
        baseline: baseline_samples(cluster, &submits, window).await?,
        load_average,
    })
}

#[cfg(test)]
mod tests;
