//! The vault worker as a part of `runner serve` / `runner dev` (`[vault]`) and as the
//! standalone `runner worker`: opened over the vault with its ledger under the data dir, its
//! Discord notices handed to the alerts outbox, its `research` and `briefing` notes run by the
//! agents over its coordinator connection, its state on `/api/vault`.

use std::path::Path;
use std::sync::Arc;

use tokio_util::sync::CancellationToken;
use vault::{AgentJobs, Notice, NoticeKind, Notifier, VaultWorker, WorkerConfig};

mod vault_agents;

pub use vault_agents::VaultAgents;

/// Vault notices into the alerts outbox: delivered by the same sender, once per key.
#[derive(Debug, Clone)]
pub struct AlertNotices(pub alerts::Notices);

impl Notifier for AlertNotices {
    fn send(&self, key: &str, notice: Notice) -> Result<(), String> {
        self.0
            .send(key, alert_of(notice))
            .map(|_| ())
            .map_err(|error| error.to_string())
    }
}

fn alert_of(notice: Notice) -> alerts::Alert {
    let (kind, severity) = match notice.kind {
        NoticeKind::JobSucceeded => (
            alerts::AlertKind::VaultJobFinished,
            alerts::Severity::Resolved,
        ),
        NoticeKind::JobFailed => (alerts::AlertKind::VaultJobFailed, alerts::Severity::Warning),
        NoticeKind::Conflict => (alerts::AlertKind::VaultConflict, alerts::Severity::Warning),
    };
    alerts::Alert {
        kind,
        severity,
        node: None,
        title: notice.title,
        description: notice.description,
        fields: notice
            .fields
            .into_iter()
            .map(|(name, value)| alerts::AlertField::inline(name, value))
            .collect(),
        occurred_at_ms: notice.at_ms,
    }
}

#[derive(Debug, thiserror::Error)]
pub enum VaultPartError {
    #[error(transparent)]
    Worker(#[from] vault::WorkerError),
    #[error("the vault worker cannot reach the coordinator at {url}: {reason}")]
    Coordinator { url: String, reason: String },
}

/// Opens the worker (folders, ledger) and returns it with its `/api/vault` routes; the caller
/// spawns `worker.run()`.
pub fn open_worker(
    config: WorkerConfig,
    grpc_url: &str,
    notices: Option<alerts::Notices>,
    shutdown: CancellationToken,
) -> Result<(VaultWorker, axum::Router), VaultPartError> {
    let coordinator =
        client::Coordinator::lazy(grpc_url).map_err(|error| VaultPartError::Coordinator {
            url: grpc_url.to_owned(),
            reason: error.to_string(),
        })?;
    // The briefing note is the answer here: Discord hears of it through the job's `notify:`;
    // the day's alerts come from the same outbox as the scheduler's briefing.
    let recent = notices.clone().map(|notices| {
        Arc::new(crate::schedules_part::OutboxAlerts(notices)) as Arc<dyn agents::RecentAlerts>
    });
    let deps = agents::AgentDeps {
        coordinator: coordinator.clone(),
        vault: Some(config.vault.clone()),
        post: None,
        alerts: recent,
    };
    let agent_jobs = Some(Arc::new(VaultAgents(deps)) as Arc<dyn AgentJobs>);
    let notifier = notices.map(|notices| Arc::new(AlertNotices(notices)) as Arc<dyn Notifier>);
    let worker = VaultWorker::open(config, coordinator, notifier, agent_jobs, shutdown)?;
    let routes = vault::http::router(worker.status());
    Ok((worker, routes))
}

/// One start-up line naming the vault and what the worker will do.
pub fn announce(vault: &Path, settle: std::time::Duration) {
    tracing::info!(
        vault = %vault.display(),
        inbox = %vault.join("Runner/inbox").display(),
        settle_s = settle.as_secs_f64(),
        "vault worker: a note in Runner/inbox/ with `status: submitted` runs once it has been still for the settle time"
    );
}
