//! Settle → start: notes dropped into the inbox one at a time, each only after the previous
//! one's job has ended and its note is filed, so no note waits behind another. Each latency is
//! measured from the note's write plus the settle time (the earliest the worker may take it) to
//! the cluster job's `created_at_ms` and `started_at_ms`, and to the result note seen by a 2 ms
//! poll; all on this machine's one wall clock. The write time is the clock read just before the
//! write, not the file's modification time: the kernel stamps files from a coarse clock that can
//! lag by a few milliseconds, which would put a result note before its job's start.

use std::collections::HashSet;
use std::path::Path;
use std::time::Duration;

use anyhow::{Context, ensure};
use harness::cluster::{TestCluster, eventually};
use harness::vault_queue::{frontmatter_value, job_note};
use proto::v1::JobState;

use super::VaultQueueSettings;
use super::worker_run::{WorkerRun, now_ms, polling};
use crate::BENCH_MODEL;
use crate::percentiles::LatencySummary;

#[derive(Debug, Clone)]
pub struct SettleLatencyFigures {
    pub notes: usize,
    /// Written + settle → the cluster job created (submitted by the worker).
    pub to_created: LatencySummary,
    /// Written + settle → the cluster job started on a node.
    pub to_started: LatencySummary,
    /// Written + settle → the result note seen in `results/`.
    pub to_result: LatencySummary,
}

/// `later − earlier` in milliseconds as a latency; zero when the millisecond clock of
/// `later` (the coordinator's, truncated to whole milliseconds) reads a hair before `earlier`.
pub fn latency_after_ms(later_ms: f64, earlier_ms: f64) -> Duration {
    Duration::from_secs_f64(((later_ms - earlier_ms) / 1000.0).max(0.0))
}

/// The three samples of one note.
struct NoteSample {
    to_created: Duration,
    to_started: Duration,
    to_result: Duration,
}

pub async fn measure(
    cluster: &TestCluster,
    dir: &Path,
    settings: &VaultQueueSettings,
) -> anyhow::Result<SettleLatencyFigures> {
    let settle = format!("{}ms", settings.settle.as_millis());
    let run = WorkerRun::start(cluster, dir, &["--settle", &settle]).await?;
    let mut samples = Vec::new();
    for index in 0..settings.latency_notes {
        match one_note(cluster, &run, settings, index).await {
            Ok(sample) => samples.push(sample),
            Err(error) => {
                eprintln!("---- worker log ----\n{}", run.worker.log());
                return Err(error);
            }
        }
    }
    run.stop().await?;
    let summary = |pick: fn(&NoteSample) -> Duration| {
        let picked: Vec<Duration> = samples.iter().map(pick).collect();
        LatencySummary::from_samples(&picked).context("no note was measured")
    };
    Ok(SettleLatencyFigures {
        notes: samples.len(),
        to_created: summary(|sample| sample.to_created)?,
        to_started: summary(|sample| sample.to_started)?,
        to_result: summary(|sample| sample.to_result)?,
    })
}

async fn one_note(
    cluster: &TestCluster,
    run: &WorkerRun,
    settings: &VaultQueueSettings,
    index: usize,
) -> anyhow::Result<NoteSample> {
    // Polled every 2 ms: the result note's own modification time is the figure, the poll only
    // decides when to look it up.
    let patience = polling(settings.patience, Duration::from_millis(2));
    let name = format!("latency-{index:04}.md");
    let known: HashSet<String> = run.vault.names("results").into_iter().collect();
    let body = format!("question number {index}");
    let written_ms = now_ms()?;
    run.vault
        .drop_note(&name, &job_note("generate", BENCH_MODEL, "", &body))?;
    let ready_ms = written_ms + settings.settle.as_secs_f64() * 1000.0;
    let result_name = eventually(&format!("the result note of {name}"), patience, || async {
        let names = run.vault.names("results");
        names
            .into_iter()
            .find(|result| !known.contains(result))
            .context("no new result note yet")
    })
    .await?;
    let result_ms = now_ms()?;
    let result = run.vault.read("results", &result_name)?;
    let cluster_job = frontmatter_value(&result, "cluster_job")
        .with_context(|| format!("no cluster_job in {result}"))?;
    let job = cluster.get_job(&cluster_job).await?;
    let source = job.spec.as_ref().map(|spec| spec.source.as_str());
    ensure!(
        source == Some(format!("vault: Runner/inbox/{name}").as_str()),
        "the result {result_name} is not {name}'s: its job came from {source:?}"
    );
    ensure!(
        job.state == JobState::Succeeded as i32,
        "{name}'s job did not succeed: {job:?}"
    );
    run.wait_count("done", index + 1, patience).await?;
    Ok(NoteSample {
        to_created: latency_after_ms(job.created_at_ms as f64, ready_ms),
        to_started: latency_after_ms(job.started_at_ms as f64, ready_ms),
        to_result: latency_after_ms(result_ms, ready_ms),
    })
}
