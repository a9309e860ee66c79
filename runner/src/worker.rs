//! `runner worker`: the vault worker as its own process, next to a coordinator elsewhere (the
//! operator's laptop, or a host that has the vault but not the coordinator). Discord notices go
//! through an alerts outbox of its own under `--data-dir` when `DISCORD_WEBHOOK_URL` is set;
//! `--http-addr` serves its state on `/api/vault`.

use settings::{EnvSource, Problems};
use tokio_util::sync::CancellationToken;
use vault::{CrashPoint, WorkerConfig};

use crate::cli::WorkerArgs;
use crate::vault_part::{VaultPartError, announce, open_worker};

#[derive(Debug, thiserror::Error)]
pub enum WorkerCommandError {
    #[error(
        "--crash-after: `{0}` is not a step (claimed, moved, submitted, result-written, filed)"
    )]
    CrashPoint(String),
    #[error("config: {0}")]
    Config(String),
    #[error(transparent)]
    Part(#[from] VaultPartError),
    #[error(transparent)]
    Alerts(#[from] alerts::AlertsError),
    #[error("cannot serve /api/vault on {addr}: {source}")]
    Http {
        addr: std::net::SocketAddr,
        source: std::io::Error,
    },
}

pub async fn run_worker(
    args: WorkerArgs,
    env: &dyn EnvSource,
    shutdown: CancellationToken,
) -> Result<(), WorkerCommandError> {
    let crash_after = match &args.crash_after {
        None => None,
        Some(word) => Some(
            CrashPoint::parse(word).ok_or_else(|| WorkerCommandError::CrashPoint(word.clone()))?,
        ),
    };
    let config = WorkerConfig {
        settle: args.settle,
        rescan_every: args.rescan,
        max_in_flight: usize::from(args.max_in_flight),
        crash_after,
        ..WorkerConfig::new(args.vault.clone(), args.data_dir.clone())
    };
    let mut problems = Problems::default();
    let alerts_config = alerts::AlertsConfig::from_settings(None, env, &mut problems);
    if let Err(error) = problems.finish(|| ()) {
        return Err(WorkerCommandError::Config(error.to_string()));
    }
    let alert_service = alerts::AlertService::start_outbox_only(&args.data_dir, alerts_config)?;
    let url = client::normalized_coordinator_url(&args.coordinator.url)
        .map_err(|error| WorkerCommandError::Config(error.to_string()))?;
    let (worker, routes) = open_worker(config, &url, alert_service.notices(), shutdown.clone())?;
    announce(&args.vault, args.settle);
    let alerts_task = tokio::spawn(alert_service.run(shutdown.clone()));
    if let Some(addr) = args.http_addr {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| WorkerCommandError::Http { addr, source })?;
        tracing::info!(url = %format!("http://{addr}/api/vault"), "vault worker: state served");
        let stop = shutdown.clone();
        tokio::spawn(async move {
            let served = axum::serve(listener, routes)
                .with_graceful_shutdown(stop.cancelled_owned())
                .await;
            if let Err(error) = served {
                tracing::error!(%error, "vault worker: the state endpoint stopped");
            }
        });
    }
    worker.run().await;
    if let Err(error) = alerts_task.await {
        tracing::error!(%error, "vault worker: the alert sender stopped abnormally");
    }
    Ok(())
}
