//! Notes per second: a batch of job notes dropped into the inbox at once (each delivered whole,
//! as Syncthing does), timed from the first drop until every note is filed in `done/`, with the
//! worker's CPU time over that span; then the same number of the same jobs submitted straight
//! through gRPC at the same concurrency, the baseline the worker's own cost shows against.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, ensure};
use harness::cluster::{TestCluster, generate_spec};
use harness::fake_ollama::expected_answer;
use harness::vault_queue::job_note;

use super::VaultQueueSettings;
use super::worker_run::{WorkerRun, polling};
use crate::BENCH_MODEL;
use crate::overhead::ClusterCaller;
use crate::process_stats::cpu_time;
use crate::throughput::run_jobs;

/// The prompt of the gRPC baseline: as long as the notes' bodies.
const BASELINE_PROMPT: &str = "question number 000";

#[derive(Debug, Clone)]
pub struct NoteThroughputFigures {
    pub max_in_flight: usize,
    pub notes: usize,
    /// From the first drop until every note was in `done/`; includes one settle window.
    pub wall: Duration,
    pub settle: Duration,
    /// The worker's CPU time (user + system) over `wall`.
    pub worker_cpu: Duration,
    /// The same number of jobs through gRPC, `max_in_flight` clients at a time.
    pub grpc_jobs: usize,
    pub grpc_wall: Duration,
}

impl NoteThroughputFigures {
    /// Notes per second over the wall time less the one settle window every note waits out
    /// together (a worker cannot beat it, whatever its speed).
    pub fn notes_per_second(&self) -> f64 {
        let working = self.wall.saturating_sub(self.settle);
        self.notes as f64 / working.as_secs_f64().max(f64::EPSILON)
    }

    pub fn grpc_jobs_per_second(&self) -> f64 {
        self.grpc_jobs as f64 / self.grpc_wall.as_secs_f64().max(f64::EPSILON)
    }

    /// Milliseconds of the worker's CPU per note.
    pub fn worker_cpu_ms_per_note(&self) -> f64 {
        self.worker_cpu.as_secs_f64() * 1000.0 / self.notes.max(1) as f64
    }
}

pub async fn measure(
    cluster: &TestCluster,
    dir: &Path,
    settings: &VaultQueueSettings,
    max_in_flight: usize,
) -> anyhow::Result<NoteThroughputFigures> {
    let settle = format!("{}ms", settings.settle.as_millis());
    let level = max_in_flight.to_string();
    let args = ["--settle", &settle, "--max-in-flight", &level];
    let run = WorkerRun::start(cluster, dir, &args).await?;
    let notes = settings.throughput_notes;
    let cpu_before = cpu_time(run.pid()?)?;
    let started = Instant::now();
    for index in 0..notes {
        let body = format!("question number {index:03}");
        run.vault.drop_note(
            &format!("batch-{index:04}.md"),
            &job_note("generate", BENCH_MODEL, "", &body),
        )?;
    }
    let patience = polling(settings.patience, Duration::from_millis(10));
    if let Err(error) = run.wait_count("done", notes, patience).await {
        eprintln!("---- worker log ----\n{}", run.worker.log());
        return Err(error);
    }
    let wall = started.elapsed();
    let worker_cpu = cpu_time(run.pid()?)?.saturating_sub(cpu_before);
    ensure!(
        run.vault.names("results").len() == notes,
        "one result note per note: {} results for {notes} notes",
        run.vault.names("results").len()
    );
    run.stop().await?;
    let caller = ClusterCaller::new(
        cluster.jobs_client().await?,
        generate_spec(BENCH_MODEL, BASELINE_PROMPT),
        expected_answer(BASELINE_PROMPT, settings.answer_tokens),
    );
    let baseline = run_jobs(&caller, max_in_flight, notes, settings.patience)
        .await
        .context("the same jobs through gRPC")?;
    Ok(NoteThroughputFigures {
        max_in_flight,
        notes,
        wall,
        settle: settings.settle,
        worker_cpu,
        grpc_jobs: baseline.jobs,
        grpc_wall: baseline.wall_time,
    })
}
