//! What a previous run of the process left open: a firing recorded `pending` (its job maybe
//! submitted, maybe not: submitting again with the same idempotency key answers with the job
//! it made, if any) and agent runs cut short (started again with the same run id: the steps
//! that finished are replayed, not re-run). Pending firings are also retried at every wake
//! while the coordinator cannot be reached.

use std::sync::Arc;

use proto::v1::{Firing, FiringOutcome};

use crate::store::blocking;

use super::Scheduler;

impl Scheduler {
    pub(super) async fn resume_open_firings(self: &Arc<Self>) {
        for firing in self.open_firings().await {
            let Some(schedule) = self.schedule(&firing.schedule) else {
                self.forget_unconfigured(firing).await;
                continue;
            };
            if firing.outcome == i32::from(FiringOutcome::Started) && firing.run.is_some() {
                tracing::info!(schedule = %firing.schedule, "resuming an agent run cut short by a restart");
                self.start_agent_run(schedule, firing);
            } else if let Err(error) = self.launch(schedule, firing).await {
                tracing::error!(schedule = %schedule.name, %error, "could not finish a pending firing");
            }
        }
    }

    /// Submits again the pending firings of `chat`/`generate` jobs (an agent's firing is
    /// pending only between its record and its start, in the same call).
    pub(super) async fn retry_pending(self: &Arc<Self>) {
        let pending = self.open_firings().await.into_iter().filter(|firing| {
            firing.outcome == i32::from(FiringOutcome::Pending) && firing.run.is_none()
        });
        for firing in pending {
            let Some(schedule) = self.schedule(&firing.schedule) else {
                continue;
            };
            if let Err(error) = self.launch(schedule, firing).await {
                tracing::error!(schedule = %schedule.name, %error, "could not retry a pending firing");
            }
        }
    }

    async fn open_firings(&self) -> Vec<Firing> {
        blocking(&self.store, |store| store.open_firings())
            .await
            .unwrap_or_else(|error| {
                tracing::error!(%error, "could not read the open firings");
                Vec::new()
            })
    }

    async fn forget_unconfigured(&self, mut firing: Firing) {
        tracing::warn!(schedule = %firing.schedule, "a firing left open belongs to a schedule no longer configured; closing it");
        firing.outcome = FiringOutcome::Failed.into();
        firing.reason = "its schedule is no longer configured".to_owned();
        if let Some(run) = firing.run.as_mut() {
            run.state = "failed".to_owned();
            run.error = firing.reason.clone();
        }
        if let Err(error) = self.save(&firing).await {
            tracing::error!(%error, "could not close the firing");
        }
    }
}
