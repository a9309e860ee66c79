//! The worker watching a large vault: ordinary notes in folders the worker never looks at
//! (memory's synthetic vault) and drafts in `Runner/inbox/`, which every scan reads, hashes and
//! looks up in the ledger, and leaves alone. After a window of rescans: the worker's RSS and
//! peak RSS, its CPU over the window, how many passes over the inbox it made (bytes read ÷ the
//! inbox's bytes: each pass reads every note whole), and how long one extra submitted note takes from its drop
//! to its claim (`--settle 0ms`, so that is one scan of the inbox plus the claim). The same on
//! an empty vault is the baseline.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, ensure};
use harness::cluster::{TestCluster, eventually};
use harness::vault_queue::job_note;

use super::VaultQueueSettings;
use super::worker_run::{WorkerRun, polling};
use crate::BENCH_MODEL;
use crate::memory_scale::SyntheticVault;
use crate::percentiles::LatencySummary;
use crate::process_stats::{MemoryUsage, UsageWindow, bytes_read, memory_usage};

/// The synthetic vault's seed (memory's figures use 15; any fixed seed will do).
const SEED: u64 = 16;

/// One idle worker's figures.
#[derive(Debug, Clone)]
pub struct IdleWorkerFigures {
    /// Notes in the vault, the inbox's drafts among them.
    pub vault_notes: usize,
    pub drafts: usize,
    /// After the window.
    pub memory: MemoryUsage,
    /// Over the window, in percent of one core.
    pub cpu_percent: f64,
    pub window: Duration,
    /// Bytes of the inbox's notes, and what the worker read over the window: every pass over
    /// the inbox reads each note whole, so their ratio counts the passes.
    pub inbox_bytes: u64,
    pub bytes_read: u64,
    /// One submitted note, from its drop to its leaving the inbox (claimed).
    pub drop_to_claim: LatencySummary,
    pub fastest_claim: Duration,
}

impl IdleWorkerFigures {
    /// Passes over the inbox per second of the window; `None` for an empty inbox.
    pub fn inbox_passes_per_second(&self) -> Option<f64> {
        (self.inbox_bytes > 0).then(|| {
            self.bytes_read as f64 / self.inbox_bytes as f64 / self.window.as_secs_f64().max(1e-9)
        })
    }
}

#[derive(Debug, Clone)]
pub struct IdleVaultFigures {
    pub large: IdleWorkerFigures,
    /// The same worker over an empty vault.
    pub empty: IdleWorkerFigures,
}

/// Writes `ordinary` notes of memory's synthetic vault under `root` and `drafts` draft job
/// notes in its `Runner/inbox/`; the notes written in all.
pub fn write_idle_vault(root: &Path, ordinary: usize, drafts: usize) -> anyhow::Result<usize> {
    SyntheticVault::write(root, ordinary, SEED)?;
    let inbox = root.join("Runner/inbox");
    std::fs::create_dir_all(&inbox)?;
    for index in 0..drafts {
        let prompt = format!(
            "Draft {index}: summarise what changed in the homelab this week, the backups, the \
             GPU node's temperatures and anything the alerts said, in five short bullet points."
        );
        let text = job_note("chat", BENCH_MODEL, "", &prompt).replace("submitted", "draft");
        std::fs::write(inbox.join(format!("draft-{index:04}.md")), text)?;
    }
    Ok(ordinary + drafts)
}

pub async fn measure(
    cluster: &TestCluster,
    dir: &Path,
    settings: &VaultQueueSettings,
) -> anyhow::Result<IdleVaultFigures> {
    let large_dir = dir.join("large");
    let root = large_dir.join("vault");
    let (ordinary, drafts) = (settings.ordinary_notes, settings.inbox_drafts);
    let vault_notes =
        tokio::task::spawn_blocking(move || write_idle_vault(&root, ordinary, drafts)).await??;
    let large = idle_worker(cluster, &large_dir, settings, vault_notes, drafts).await?;
    let empty = idle_worker(cluster, &dir.join("empty"), settings, 0, 0).await?;
    Ok(IdleVaultFigures { large, empty })
}

async fn idle_worker(
    cluster: &TestCluster,
    dir: &Path,
    settings: &VaultQueueSettings,
    vault_notes: usize,
    drafts: usize,
) -> anyhow::Result<IdleWorkerFigures> {
    let rescan = format!("{}ms", settings.rescan.as_millis());
    let args = ["--settle", "0ms", "--rescan", &rescan];
    let run = WorkerRun::start(cluster, dir, &args).await?;
    let pid = run.pid()?;
    let inbox_bytes = folder_bytes(&run.vault.folder("inbox"))?;
    let mut window = UsageWindow::begin(pid)?;
    let read_before = bytes_read(pid)?;
    let started = Instant::now();
    while started.elapsed() < settings.idle_window {
        tokio::time::sleep(Duration::from_millis(250)).await;
        window.sample()?;
    }
    let read_during = bytes_read(pid)?.saturating_sub(read_before);
    let usage = window.finish()?;
    let memory = memory_usage(pid)?;
    let left = run.vault.names("inbox").len();
    ensure!(
        left == drafts,
        "the inbox holds {left} notes, not the {drafts} drafts"
    );
    let mut claims = Vec::new();
    for trial in 0..settings.claim_trials {
        claims.push(claim_one(&run, settings, trial).await?);
    }
    run.stop().await?;
    let drop_to_claim = LatencySummary::from_samples(&claims).context("no claim was timed")?;
    Ok(IdleWorkerFigures {
        vault_notes,
        drafts,
        memory,
        cpu_percent: usage.cpu_percent,
        window: usage.window,
        inbox_bytes,
        bytes_read: read_during,
        fastest_claim: claims.iter().copied().min().unwrap_or_default(),
        drop_to_claim,
    })
}

/// The bytes of the files directly in `folder`.
fn folder_bytes(folder: &Path) -> anyhow::Result<u64> {
    let mut bytes = 0;
    for entry in std::fs::read_dir(folder)? {
        bytes += entry?.metadata()?.len();
    }
    Ok(bytes)
}

/// Drops one submitted note and times it until it has left the inbox (the worker claims a note
/// in its ledger, then moves it to `processing/`); then waits for it to be filed in `done/`,
/// so the next trial starts on a quiet worker.
async fn claim_one(
    run: &WorkerRun,
    settings: &VaultQueueSettings,
    trial: usize,
) -> anyhow::Result<Duration> {
    let name = format!("extra-{trial:03}.md");
    let in_inbox = run.vault.folder("inbox").join(&name);
    let text = job_note(
        "generate",
        BENCH_MODEL,
        "",
        &format!("extra question {trial}"),
    );
    let started = Instant::now();
    run.vault.drop_note(&name, &text)?;
    let patience = polling(settings.patience, Duration::from_millis(1));
    eventually(&format!("{name} claimed"), patience, || async {
        ensure!(!in_inbox.exists(), "{name} is still in the inbox");
        Ok(())
    })
    .await?;
    let claimed = started.elapsed();
    run.wait_count(
        "done",
        trial + 1,
        polling(settings.patience, Duration::from_millis(20)),
    )
    .await?;
    Ok(claimed)
}
