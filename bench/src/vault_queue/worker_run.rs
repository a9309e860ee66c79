//! One `runner worker` for one part: a fresh vault and ledger under the part's dir, the worker
//! started against the cluster and waited for until it watches its inbox.

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::ensure;
use harness::cluster::{ManagedProcess, Patience, TestCluster, eventually};
use harness::vault_queue::{Vault, start_worker};

/// The line the worker logs once its first scan is about to start.
const WATCHING: &str = "vault: watching Runner/inbox/";

/// A worker over `vault`, with its ledger in `dir/worker-data` and its log in `dir`.
pub struct WorkerRun {
    pub vault: Vault,
    pub worker: ManagedProcess,
}

impl WorkerRun {
    /// Starts the worker over the vault already written in `dir/vault` (created if missing)
    /// with `args`, and waits until it watches its inbox.
    pub async fn start(cluster: &TestCluster, dir: &Path, args: &[&str]) -> anyhow::Result<Self> {
        let vault = Vault::create(dir)?;
        let data_dir = dir.join("worker-data");
        let worker = start_worker(cluster, &vault.root, &data_dir, "worker", args)?;
        let run = Self { vault, worker };
        eventually(
            "the worker watching its inbox",
            Patience::seconds(30),
            || async {
                let log = run.worker.log();
                ensure!(log.contains(WATCHING), "the worker's log so far: {log}");
                Ok(())
            },
        )
        .await?;
        Ok(run)
    }

    pub fn pid(&self) -> anyhow::Result<u32> {
        self.worker.pid()
    }

    /// Waits until `Runner/<folder>/` holds `count` notes; fails at once if one failed.
    pub async fn wait_count(
        &self,
        folder: &str,
        count: usize,
        patience: Patience,
    ) -> anyhow::Result<()> {
        eventually(
            &format!("{count} notes in Runner/{folder}/"),
            patience,
            || async {
                let failed = self.vault.names("failed");
                if !failed.is_empty() {
                    // Not retried: a failed note stays failed, so stop waiting with its result.
                    return Ok(Err(anyhow::anyhow!("notes failed: {failed:?}")));
                }
                let now = self.vault.names(folder).len();
                ensure!(now >= count, "{now} of {count} in Runner/{folder}/");
                Ok(Ok(()))
            },
        )
        .await?
    }

    /// Stops the worker and says what it logged if it had stopped on its own.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        if let Some(status) = self.worker.try_exit_status() {
            anyhow::bail!("the worker exited early ({status}): {}", self.worker.log());
        }
        self.worker.kill().await
    }
}

/// Polls every `interval` for at most `timeout`.
pub fn polling(timeout: Duration, interval: Duration) -> Patience {
    Patience { timeout, interval }
}

/// The wall clock in milliseconds since the Unix epoch (the clock the coordinator's
/// `created_at_ms` uses), with the sub-millisecond part kept.
pub fn now_ms() -> anyhow::Result<f64> {
    Ok(SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs_f64() * 1000.0)
}
