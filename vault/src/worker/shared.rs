//! What every task of one worker shares: its config, folders, ledger, the coordinator, the
//! notifier, the agents and the status, plus the one way to run blocking file and ledger work.

use std::sync::Arc;

use client::Coordinator;
use tokio_util::sync::CancellationToken;

use super::agent_jobs::AgentJobs;
use super::config::WorkerConfig;
use super::notice::Notifier;
use super::status::WorkerStatus;
use crate::layout::RunnerFolders;
use crate::ledger::Ledger;

pub struct Shared {
    pub config: WorkerConfig,
    pub folders: RunnerFolders,
    pub ledger: Ledger,
    pub coordinator: Coordinator,
    pub notifier: Option<Arc<dyn Notifier>>,
    pub agent_jobs: Option<Arc<dyn AgentJobs>>,
    pub status: WorkerStatus,
    pub shutdown: CancellationToken,
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("Shared")
            .field("vault", &self.config.vault)
            .field("notifier", &self.notifier.is_some())
            .field("agent_jobs", &self.agent_jobs.is_some())
            .finish()
    }
}

/// Runs file and ledger work (fsyncs) off the async threads.
pub async fn blocking<T: Send + 'static>(
    shared: &Arc<Shared>,
    work: impl FnOnce(&Shared) -> T + Send + 'static,
) -> T {
    let shared = shared.clone();
    match tokio::task::spawn_blocking(move || work(&shared)).await {
        Ok(value) => value,
        Err(error) => std::panic::resume_unwind(error.into_panic()),
    }
}

#[cfg(test)]
pub(crate) mod tests;
