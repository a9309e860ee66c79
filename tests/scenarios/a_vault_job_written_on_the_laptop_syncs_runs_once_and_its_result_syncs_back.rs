//! The vault queue end to end across two real Syncthing instances on loopback: a job note
//! written on the "laptop" reaches the server by Syncthing's temp file + rename, the worker
//! there runs it once, and its result note and filed note sync back to the laptop. Then the
//! trap Syncthing sets (research/vault-queue.md §3): with the laptop offline, the worker takes
//! a note the laptop then edits; once back, Syncthing resurrects the edited note in the inbox
//! ("the modified file always wins") — the worker moves it to `conflicts/` and the job still
//! has exactly one result.

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, ensure};
use tests::cluster::{ClusterSpec, Patience, TestCluster, eventually};
use tests::syncthing::SyncthingPair;
use tests::vault_queue::{Vault, frontmatter_value, job_note, start_worker};

use crate::support::QWEN;

const SCENARIO_BUDGET: Duration = Duration::from_secs(120);

#[tokio::test]
async fn a_vault_job_written_on_the_laptop_syncs_runs_once_and_its_result_syncs_back()
-> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let laptop = Vault::create(&dir.path().join("laptop"))?;
    let server = Vault::create(&dir.path().join("server"))?;
    let pair = SyncthingPair::start(&laptop.root, &server.root).await?;
    let cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    // Settle longer than Syncthing's 1 s watcher delay here (15 s by default, for its 10 s).
    let mut worker = start_worker(
        &cluster,
        &server.root,
        &dir.path().join("worker-data"),
        "worker",
        &["--settle", "1500ms"],
    )?;
    let outcome = tokio::time::timeout(SCENARIO_BUDGET, scenario(&pair, &laptop, &server)).await;
    let logs = || format!("{}\n{}", pair.logs(), worker.log());
    let result = match outcome {
        Ok(Ok(())) => Ok(()),
        Ok(Err(error)) => Err(error.context(logs())),
        Err(_) => Err(anyhow::anyhow!("over {SCENARIO_BUDGET:?}\n{}", logs())),
    };
    worker.kill().await?;
    result
}

async fn scenario(pair: &SyncthingPair, laptop: &Vault, server: &Vault) -> anyhow::Result<()> {
    let patience = Patience::seconds(40);
    // Written in place, as Obsidian saves: Syncthing delivers it by temp file + rename.
    std::fs::write(
        laptop.folder("inbox").join("why-sky.md"),
        job_note("chat", QWEN, "", "why is the sky blue?"),
    )?;
    let result = laptop.wait_for("results", "why-sky", patience).await?;
    laptop.wait_for("done", "why-sky.md", patience).await?;
    let text = laptop.read("results", &result)?;
    ensure!(
        frontmatter_value(&text, "status").as_deref() == Some("done"),
        "{text}"
    );
    eventually("the note to leave the laptop's inbox", patience, || async {
        ensure!(
            laptop.names("inbox").is_empty(),
            "{:?}",
            laptop.names("inbox")
        );
        Ok(())
    })
    .await?;
    ensure!(
        no_worker_temp_files(&laptop.root),
        "a .runner-tmp-* file reached the laptop"
    );

    // The claim-vs-edit trap: the laptop edits a note the worker has taken while offline.
    let original = job_note("generate", QWEN, "", "count the stars");
    std::fs::write(laptop.folder("inbox").join("stars.md"), &original)?;
    server.wait_for("inbox", "stars.md", patience).await?;
    pair.pause_laptop().await?;
    let filed = server.wait_for("done", "stars.md", patience).await?;
    let id = frontmatter_value(&server.read("done", &filed)?, "job").context("job id")?;
    std::fs::write(
        laptop.folder("inbox").join("stars.md"),
        format!("{original}and the planets too\n"),
    )?;
    pair.resume_laptop().await?;
    pair.scan_now().await?;
    server.wait_for("conflicts", "stars.md", patience).await?;
    laptop.wait_for("conflicts", "stars.md", patience).await?;
    pair.wait_until_idle().await?;
    ensure!(
        server.results_for(&id).len() == 1,
        "one result for {id}: {:?}",
        server.names("results")
    );
    ensure!(
        !server.names("inbox").contains(&"stars.md".to_owned()),
        "the edited copy did not run"
    );
    Ok(())
}

fn no_worker_temp_files(root: &Path) -> bool {
    walk(root)
        .iter()
        .all(|name| !name.starts_with(".runner-tmp-"))
}

fn walk(root: &Path) -> Vec<String> {
    let mut names = Vec::new();
    let mut folders = vec![root.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            if entry.file_type().is_ok_and(|kind| kind.is_dir()) {
                folders.push(entry.path());
            } else {
                names.push(entry.file_name().to_string_lossy().to_string());
            }
        }
    }
    names
}
