//! 200 job notes dropped into the inbox at once (each delivered whole, as Syncthing does) all
//! finish, each exactly once: one result note and one cluster job per note. Meanwhile a
//! reader looks at `results/` and `done/` every few milliseconds, as Obsidian or Syncthing
//! would: every version of a file it ever sees is the file's final content, never a partial
//! write. Prints the notes per second through the worker.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::ensure;
use tests::cluster::{ClusterSpec, Patience, TestCluster, eventually};
use tests::vault_queue::{Vault, frontmatter_value, job_note, start_worker};

use crate::support::QWEN;

const NOTES: usize = 200;

#[tokio::test]
async fn two_hundred_vault_notes_dropped_at_once_each_run_exactly_once() -> anyhow::Result<()> {
    let cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    let dir = tempfile::tempdir()?;
    let vault = Vault::create(dir.path())?;
    let mut worker = start_worker(
        &cluster,
        &vault.root,
        &dir.path().join("worker-data"),
        "worker",
        &[],
    )?;
    let watching = Arc::new(AtomicBool::new(true));
    let reader = {
        let (root, watching) = (vault.root.clone(), watching.clone());
        std::thread::spawn(move || read_while_written(&root, &watching))
    };
    let started = Instant::now();
    for index in 0..NOTES {
        vault.drop_note(
            &format!("note-{index:03}.md"),
            &job_note("generate", QWEN, "", &format!("question number {index}")),
        )?;
    }
    eventually(
        "every note filed in done/",
        Patience::seconds(120),
        || async {
            let done = vault.names("done").len();
            ensure!(
                done == NOTES,
                "{done} of {NOTES} done; failed: {:?}",
                vault.names("failed")
            );
            Ok(())
        },
    )
    .await?;
    let elapsed = started.elapsed();
    watching.store(false, Ordering::Relaxed);
    let seen = reader
        .join()
        .map_err(|_| anyhow::anyhow!("the reader thread panicked"))?;
    println!(
        "vault worker: {NOTES} notes in {:.2} s = {:.1} notes/s (settle 200 ms, 8 in flight)",
        elapsed.as_secs_f64(),
        NOTES as f64 / elapsed.as_secs_f64()
    );

    let mut ids = BTreeSet::new();
    for name in vault.names("done") {
        let note = vault.read("done", &name)?;
        let id = frontmatter_value(&note, "job").unwrap_or_default();
        ensure!(vault.results_for(&id).len() == 1, "{name}: one result note");
        ids.insert(id);
    }
    ensure!(
        ids.len() == NOTES && vault.names("results").len() == NOTES,
        "{} ids, {} results",
        ids.len(),
        vault.names("results").len()
    );
    let jobs = cluster.list_all_jobs().await?;
    let sources: BTreeSet<String> = jobs
        .iter()
        .filter_map(|job| job.spec.as_ref())
        .map(|spec| spec.source.clone())
        .collect();
    ensure!(
        jobs.len() == NOTES && sources.len() == NOTES,
        "{} jobs from {} notes",
        jobs.len(),
        sources.len()
    );
    for (path, versions) in &seen {
        let now = std::fs::read_to_string(path)?;
        ensure!(
            versions.iter().all(|version| version == &now),
            "{} was seen in {} versions, not all final: a partial write was visible",
            path.display(),
            versions.len()
        );
    }
    ensure!(!seen.is_empty(), "the reader saw no file");
    worker.kill().await?;
    Ok(())
}

/// Reads every file of `results/` and `done/` in a loop until told to stop; each distinct
/// content seen, by path.
fn read_while_written(
    root: &std::path::Path,
    watching: &AtomicBool,
) -> BTreeMap<std::path::PathBuf, BTreeSet<String>> {
    let mut seen: BTreeMap<std::path::PathBuf, BTreeSet<String>> = BTreeMap::new();
    let deadline = Instant::now() + Duration::from_secs(150);
    while watching.load(Ordering::Relaxed) && Instant::now() < deadline {
        for folder in ["results", "done"] {
            let Ok(entries) = std::fs::read_dir(root.join("Runner").join(folder)) else {
                continue;
            };
            for entry in entries.flatten() {
                if entry.file_name().to_string_lossy().starts_with('.') {
                    continue;
                }
                if let Ok(text) = std::fs::read_to_string(entry.path()) {
                    seen.entry(entry.path()).or_default().insert(text);
                }
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    seen
}
