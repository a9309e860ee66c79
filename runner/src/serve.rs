//! `runner serve`: the coordinator core with its parts mounted beside it.

use coordinator::serve::{Listeners, ServeError, serve_with_parts};
use tokio_util::sync::CancellationToken;

use crate::config::RunnerConfig;
use crate::parts::mount_parts;

pub async fn serve(
    config: RunnerConfig,
    listeners: Listeners,
    shutdown: CancellationToken,
) -> Result<(), ServeError> {
    let RunnerConfig {
        core,
        parts,
        warnings,
    } = config;
    for warning in &warnings {
        tracing::warn!("{warning}");
    }
    if core.nodes.is_empty() {
        tracing::warn!(
            "no [[nodes]] configured: no agent can join (add one [[nodes]] entry per host)"
        );
    }
    let data_dir = core.data_dir.clone();
    serve_with_parts(core, listeners, shutdown, |addresses, stop| async move {
        mount_parts(parts, &data_dir, addresses, stop).await
    })
    .await
}
