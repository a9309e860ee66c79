//! The coordinator's `data_dir` is on a tiny filesystem that fills up while jobs come in: the
//! job store cannot write, so the coordinator refuses the submit it could not make durable,
//! logs one line naming the store writer and the full disk, and exits non-zero — it neither
//! hangs nor carries on answering submits it cannot keep.

use std::time::{Duration, Instant};

use anyhow::{Context, bail, ensure};
use tests::cluster::{ClusterSpec, NodeSpec, Patience, TestCluster, generate_spec};
use tests::tiny_filesystem::TinyFilesystem;

use crate::support::GEMMA;

/// Big enough for the coordinator's redb files to open, small enough to fill in a few dozen
/// jobs of `PROMPT_BYTES` each.
const DISK_KIB: u64 = 2048;
const PROMPT_BYTES: usize = 16 * 1024;
/// The load is bounded in count and in time: the disk holds far fewer jobs than this.
const MAX_SUBMITS: usize = 400;
const LOAD_DEADLINE: Duration = Duration::from_secs(90);
const ONE_SUBMIT_DEADLINE: Duration = Duration::from_secs(15);

#[tokio::test]
async fn a_full_disk_stops_the_coordinator_with_a_clear_error() -> anyhow::Result<()> {
    let disk = TinyFilesystem::mount(DISK_KIB)?;
    let data_dir = disk.path().join("data");
    let mut spec = ClusterSpec::three_hosts()
        .coordinator_env("RUNNER_DATA_DIR", &data_dir.display().to_string());
    spec.nodes = vec![NodeSpec::new("davas", &[GEMMA]).max_parallel(4)];
    spec.routes = vec![(GEMMA.to_owned(), vec!["davas".to_owned()])];
    spec.queue_capacity = 64;
    let mut cluster = TestCluster::start(spec).await?;

    let prompt = "x".repeat(PROMPT_BYTES);
    let started = Instant::now();
    let mut accepted = 0;
    let mut refusal = None;
    for _ in 0..MAX_SUBMITS {
        ensure!(
            started.elapsed() < LOAD_DEADLINE,
            "the disk did not fill after {accepted} accepted jobs in {LOAD_DEADLINE:?}"
        );
        let submitted = tokio::time::timeout(
            ONE_SUBMIT_DEADLINE,
            cluster.submit(generate_spec(GEMMA, &prompt)),
        )
        .await
        .with_context(|| {
            format!("a submit hung for {ONE_SUBMIT_DEADLINE:?}: a full disk must fail it")
        })?;
        match submitted {
            Ok(Ok(_job)) => accepted += 1,
            Ok(Err(status)) => {
                refusal = Some(format!("{:?}: {}", status.code(), status.message()));
                break;
            }
            // The coordinator stopped between two submits (a record without a waiting
            // submitter failed first): the exit and the log below say why.
            Err(gone) => {
                refusal = Some(format!("connection failed: {gone:#}"));
                break;
            }
        }
    }
    let refusal = refusal.context("every submit was accepted although the disk is full")?;
    ensure!(accepted > 0, "the disk was full before any job: {refusal}");
    // The submit whose record failed is refused as not stored; when a record nobody waited
    // on failed first (a job's end), the coordinator is already stopping or gone when the
    // next submit comes: refused, not connected, or sent on the open connection just as the
    // server closed it (tonic's "transport error").
    ensure!(
        [
            "not accepted",
            "shutting down",
            "connect",
            "transport error"
        ]
        .iter()
        .any(|expected| refusal.contains(expected)),
        "the failing submit was not refused as not stored: {refusal}\n{}",
        cluster.coordinator_log()
    );

    let exit = cluster.wait_coordinator_exit(Patience::seconds(30)).await?;
    let log = cluster.coordinator_log();
    if exit.code() != Some(1) {
        bail!("the coordinator exited with {exit} instead of 1; its log:\n{log}");
    }
    let stopping: Vec<&str> = log
        .lines()
        .filter(|line| line.contains("coordinator stopping"))
        .collect();
    ensure!(
        stopping.len() == 1,
        "expected one line saying why the coordinator stopped, got {}:\n{log}",
        stopping.len()
    );
    for expected in ["store writer", "No space left on device", "free space"] {
        ensure!(
            stopping[0].contains(expected),
            "the stop line lacks {expected:?}: {}",
            stopping[0]
        );
    }
    eprintln!(
        "accepted {accepted} jobs of {PROMPT_BYTES} bytes before the {DISK_KIB} KiB disk filled; \
         the failing submit got {refusal}; the coordinator exited {exit} logging:\n{}",
        stopping[0]
    );
    Ok(())
}
