//! The running core's last act: wait until shutdown is asked for or a core task ends early,
//! then stop everything and drain it under the grace period.

use std::time::Duration;

use tokio_util::sync::CancellationToken;

use super::ServeError;
use super::supervised_tasks::SupervisedTasks;
use crate::http::CoreHealth;

/// How long running servers get to finish after shutdown is asked for.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// Runs until `shutdown` or until the first supervised task ends, whichever comes first; an
/// early end is logged once (naming the task and why), turns `/healthz` to 503 and is the
/// error returned, so `runner serve` exits non-zero. Either way every task is stopped through
/// `servers_stop` and drained.
pub async fn run_until_stopped(
    mut tasks: SupervisedTasks,
    shutdown: CancellationToken,
    servers_stop: CancellationToken,
    health: CoreHealth,
) -> Result<(), ServeError> {
    let failure = tokio::select! {
        () = shutdown.cancelled() => None,
        Some(ended) = tasks.next_end() => Some(ended),
    };
    let outcome = match failure {
        None => {
            tracing::info!("shutting down");
            Ok(())
        }
        Some(ended) => {
            let reason = ended.reason_when_early();
            tracing::error!(task = %ended.name, %reason, "coordinator stopping: a core task ended before shutdown");
            health.record_failure(format!("{} {reason}", ended.name));
            Err(ServeError::TaskStopped {
                task: ended.name,
                reason,
            })
        }
    };
    servers_stop.cancel();
    drain(tasks).await;
    outcome
}

/// Waits for every task under the grace period; failures while stopping are logged (they are
/// consequences or shutdown trouble, not the reason the coordinator stopped).
pub async fn drain(mut tasks: SupervisedTasks) {
    match tokio::time::timeout(SHUTDOWN_GRACE, tasks.wait_all()).await {
        Ok(failed) => {
            for ended in failed {
                let reason = ended.reason_when_early();
                tracing::warn!(task = %ended.name, %reason, "a core task failed while stopping");
            }
        }
        Err(_) => tracing::warn!(
            grace_seconds = SHUTDOWN_GRACE.as_secs(),
            "shutdown overran its grace period; exiting anyway"
        ),
    }
}

#[cfg(test)]
mod tests;
