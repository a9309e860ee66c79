//! Crash injection: `runner worker` aborts (like a SIGKILL: no destructors, no flush) right
//! after each step of the protocol — claimed, moved, submitted, result written, filed — and is
//! started again. Every time the job note ends in `done/` with exactly one result note, and
//! the coordinator holds exactly one job from that note: the restarted worker found the job
//! the first run submitted by its idempotency key instead of making a second.

use std::time::Duration;

use anyhow::{Context, ensure};
use proto::v1::JobState;
use tests::cluster::{ClusterSpec, Patience, TestCluster};
use tests::vault_queue::{Vault, frontmatter_value, job_note, start_worker};

use crate::support::QWEN;

const STEPS: [&str; 5] = ["claimed", "moved", "submitted", "result-written", "filed"];

#[tokio::test]
async fn a_vault_worker_killed_after_any_step_leaves_one_result_and_one_job() -> anyhow::Result<()>
{
    let cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    let dir = tempfile::tempdir()?;
    let vault = Vault::create(dir.path())?;
    let data_dir = dir.path().join("worker-data");
    let patience = Patience::seconds(20);
    for step in STEPS {
        let name = format!("crash-{step}.md");
        let mut crashing = start_worker(
            &cluster,
            &vault.root,
            &data_dir,
            &format!("worker-crash-{step}"),
            &["--crash-after", step],
        )?;
        vault.drop_note(
            &name,
            &job_note("generate", QWEN, "", &format!("crash test after {step}")),
        )?;
        let status = tokio::time::timeout(Duration::from_secs(20), crashing.wait())
            .await
            .with_context(|| {
                format!("the worker did not abort after {step}:\n{}", crashing.log())
            })??;
        ensure!(
            !status.success(),
            "the worker exited cleanly instead of aborting after {step}"
        );
        ensure!(
            crashing.log().contains("crash injection"),
            "not the injected crash after {step}:\n{}",
            crashing.log()
        );

        let mut worker = start_worker(
            &cluster,
            &vault.root,
            &data_dir,
            &format!("worker-after-{step}"),
            &[],
        )?;
        let filed = vault
            .wait_for("done", &name, patience)
            .await
            .with_context(|| worker.log())?;
        let note = vault.read("done", &filed)?;
        let id = frontmatter_value(&note, "job").context("the filed note names its job")?;
        let results = vault.results_for(&id);
        ensure!(
            results.len() == 1,
            "after {step}: one result note, found {results:?}"
        );
        let jobs = cluster.list_all_jobs().await?;
        let source = format!("vault: Runner/inbox/{name}");
        let from_note: Vec<_> = jobs
            .iter()
            .filter(|job| job.spec.as_ref().is_some_and(|spec| spec.source == source))
            .collect();
        ensure!(
            from_note.len() == 1,
            "after {step}: one cluster job from {name}, found {}",
            from_note.len()
        );
        ensure!(
            from_note[0].state == JobState::Succeeded as i32,
            "{:?}",
            from_note[0]
        );
        ensure!(
            vault.names("processing").is_empty(),
            "processing/ is empty: {:?}",
            vault.names("processing")
        );
        ensure!(
            !vault.names("inbox").contains(&name),
            "the note left the inbox"
        );
        worker.kill().await?;
    }
    Ok(())
}
