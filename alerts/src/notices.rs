//! `Notices`: how other parts (the vault worker) hand alerts to the same durable outbox and
//! sender as the cluster alerts. Each notice carries a key of the caller's (a vault job's id and
//! what happened to it): the outbox commits a key's alert once, so a caller that crashed before
//! recording its own progress hands the same notice again and nothing is sent twice.

use std::sync::Arc;

use tokio::sync::Notify;

use crate::alert::Alert;
use crate::counters::AlertCounters;
use crate::outbox::AlertStore;
use crate::service::AlertsError;
use crate::time_text::Clock;

/// A handle on the alert outbox for parts beside the cluster alerter; cheap to clone.
#[derive(Clone)]
pub struct Notices {
    store: Arc<dyn AlertStore>,
    wake: Arc<Notify>,
    counters: Arc<AlertCounters>,
    clock: Clock,
}

impl std::fmt::Debug for Notices {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_struct("Notices").finish_non_exhaustive()
    }
}

impl Notices {
    pub(crate) fn new(
        store: Arc<dyn AlertStore>,
        wake: Arc<Notify>,
        counters: Arc<AlertCounters>,
        clock: Clock,
    ) -> Self {
        Self {
            store,
            wake,
            counters,
            clock,
        }
    }

    /// The alerts raised in `[since_ms, until_ms)`, oldest first, among the newest 1,000 the
    /// outbox keeps (the daily briefing's "alerts of the day"). Reads the store: call it from a
    /// blocking thread.
    pub fn raised_between(&self, since_ms: i64, until_ms: i64) -> Result<Vec<Alert>, AlertsError> {
        let mut entries = self.store.recent(1_000)?;
        entries.retain(|entry| (since_ms..until_ms).contains(&entry.created_at_ms));
        entries.sort_by_key(|entry| entry.id);
        Ok(entries.into_iter().map(|entry| entry.alert).collect())
    }

    /// Commits `alert` to the outbox unless an alert was committed under `key` before: `true`
    /// when it was committed now (the sender delivers it like any other), `false` when `key`
    /// was handed over already. Waits for one durable commit, so from async code call it on a
    /// blocking thread (`tokio::task::spawn_blocking`).
    pub fn send(&self, key: &str, alert: Alert) -> Result<bool, AlertsError> {
        let Some(entry) = self.store.record_once(key, &alert, self.clock.now_ms())? else {
            tracing::debug!(
                notice_key = key,
                "notice handed over before; not sent again"
            );
            return Ok(false);
        };
        self.counters.add_raised(1);
        tracing::info!(
            alert_id = entry.id,
            kind = ?entry.alert.kind,
            notice_key = key,
            title = %entry.alert.title,
            "notice handed over"
        );
        self.wake.notify_one();
        Ok(true)
    }
}

#[cfg(test)]
mod tests;
