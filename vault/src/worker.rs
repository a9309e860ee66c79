//! The worker: opens its ledger and folders, finishes what a previous run left (before it
//! looks at the inbox, so a claimed note is moved by its job, not mistaken for a copy), then
//! scans the inbox on every filesystem event, on a timer and when a waiting note should have
//! settled, and runs the jobs it claims, a bounded number at a time.

pub mod agent_jobs;
mod agent_run;
pub mod config;
mod conflicts;
mod execute;
mod filing;
mod follow;
mod ingest;
mod linked;
mod moves;
pub mod notice;
mod notices;
mod problems;
mod recover;
mod run_job;
mod scan;
mod shared;
mod spec;
pub mod status;
mod take;
mod watch;

use std::sync::Arc;
use std::time::Duration;

use client::Coordinator;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use crate::layout::{Folder, RunnerFolders};
use crate::ledger::{Ledger, LedgerError, VaultJob};
use crate::settle::Settler;
use agent_jobs::AgentJobs;
use config::WorkerConfig;
use notice::Notifier;
use shared::{Shared, blocking};
use status::WorkerStatus;

#[derive(Debug, thiserror::Error)]
pub enum WorkerError {
    #[error("the vault {path} cannot be used: {source}")]
    Folders {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Ledger(#[from] LedgerError),
}

#[derive(Debug)]
pub struct VaultWorker {
    shared: Arc<Shared>,
}

impl VaultWorker {
    /// Creates `Runner/`'s folders if missing, opens the ledger and removes temp files a
    /// crash left. Without `agent_jobs`, `research` and `briefing` notes are answered
    /// "unavailable".
    pub fn open(
        config: WorkerConfig,
        coordinator: Coordinator,
        notifier: Option<Arc<dyn Notifier>>,
        agent_jobs: Option<Arc<dyn AgentJobs>>,
        shutdown: CancellationToken,
    ) -> Result<Self, WorkerError> {
        let folders = RunnerFolders::new(&config.vault);
        let folders_error = |source| WorkerError::Folders {
            path: config.vault.display().to_string(),
            source,
        };
        if !config.vault.is_dir() {
            return Err(folders_error(std::io::ErrorKind::NotFound.into()));
        }
        folders.ensure().map_err(folders_error)?;
        for folder in Folder::ALL {
            crate::whole_file::sweep_temp_files(&folders.path(folder)).map_err(folders_error)?;
        }
        let ledger = Ledger::open(&config.data_dir)?;
        let status = WorkerStatus::new(
            &config.vault.display().to_string(),
            &folders.path(Folder::Inbox).display().to_string(),
            u64::try_from(config.settle.as_millis()).unwrap_or(u64::MAX),
        );
        let shared = Shared {
            config,
            folders,
            ledger,
            coordinator,
            notifier,
            agent_jobs,
            status,
            shutdown,
        };
        Ok(Self {
            shared: Arc::new(shared),
        })
    }

    pub fn status(&self) -> WorkerStatus {
        self.shared.status.clone()
    }

    /// Runs until the shutdown token is cancelled; jobs in flight then stop where they are
    /// and the next start resumes them.
    pub async fn run(self) {
        let shared = self.shared;
        let limit = Arc::new(Semaphore::new(shared.config.max_in_flight.max(1)));
        let mut jobs = JoinSet::new();
        for job in recover::unfinished(&shared).await {
            start_job(&mut jobs, &shared, &limit, job);
        }
        let mut wakes = watch::watch_inbox(&shared.folders.path(Folder::Inbox));
        let mut settler = Settler::new(shared.config.settle);
        tracing::info!(vault = %shared.config.vault.display(), settle_ms = shared.config.settle.as_millis() as u64, "vault: watching Runner/inbox/");
        while !shared.shutdown.is_cancelled() {
            let now_ms = crate::clock::now_ms();
            let (scanned, returned) = blocking(&shared, move |shared| {
                let scanned = scan::scan_inbox(shared, &mut settler, now_ms);
                (scanned, settler)
            })
            .await;
            settler = returned;
            let mut wait = shared.config.rescan_every;
            match scanned {
                Ok(scan) => {
                    for job in scan.taken {
                        start_job(&mut jobs, &shared, &limit, job);
                    }
                    if let Some(ready_at_ms) = scan.next_ready_at_ms {
                        let until = u64::try_from(ready_at_ms - now_ms).unwrap_or(0);
                        wait = wait.min(Duration::from_millis(until.max(50)));
                    }
                }
                Err(error) => {
                    tracing::error!(%error, "vault: cannot scan the inbox; trying again");
                    shared.status.error(error.to_string());
                }
            }
            while jobs.try_join_next().is_some() {}
            tokio::select! {
                () = wakes.next_wake() => {}
                () = tokio::time::sleep(wait) => {}
                () = shared.shutdown.cancelled() => {}
            }
        }
        while jobs.join_next().await.is_some() {}
        tracing::info!("vault: worker stopped");
    }
}

fn start_job(jobs: &mut JoinSet<()>, shared: &Arc<Shared>, limit: &Arc<Semaphore>, job: VaultJob) {
    let (shared, limit) = (shared.clone(), limit.clone());
    jobs.spawn(async move {
        let Ok(_permit) = limit.acquire_owned().await else {
            return; // the semaphore is never closed
        };
        run_job::run_job(shared, job).await;
    });
}
