//! The durable outbox: every alert is written here before it is sent and marked delivered only
//! after Discord confirmed it, so alerts survive Discord outages and coordinator restarts. The
//! alerter's own state (which nodes are lost and alerted) is saved in the same transaction as
//! the alerts it raised, so a restart neither repeats an alert nor forgets a pending recovery.
//!
//! Behind a trait with an in-memory and an on-disk (redb, `alerts.redb` in `data_dir`)
//! implementation that pass one contract test.

mod entry;
#[cfg(test)]
mod memory_store;
mod redb_store;

#[cfg(test)]
mod contract_tests;
#[cfg(test)]
mod entry_tests;

pub use entry::{DeliveryState, OutboxEntry, TransitionError};
#[cfg(test)]
pub use memory_store::MemoryOutbox;
pub use redb_store::RedbOutbox;

use std::sync::Arc;

use crate::alert::Alert;

/// Finished (delivered or failed) entries kept for `/api/alerts`; older ones are pruned.
pub const DEFAULT_HISTORY_LIMIT: u64 = 1000;

#[derive(Debug, thiserror::Error)]
pub enum OutboxError {
    #[error(
        "alert outbox at {path}: {source}; check the data_dir permissions and that no other coordinator uses it"
    )]
    Open {
        path: String,
        #[source]
        source: redb::Error,
    },
    #[error("alert outbox: {0}")]
    Database(#[from] redb::Error),
    #[error("alert outbox holds an unreadable record {key}: {source}")]
    Corrupt {
        key: String,
        #[source]
        source: serde_json::Error,
    },
    #[error("alert outbox: cannot encode a record: {0}")]
    Encode(#[source] serde_json::Error),
    #[error("alert outbox: a store call did not finish: {0}")]
    Interrupted(String),
}

pub trait AlertStore: Send + Sync + 'static {
    /// Appends `alerts` (as pending entries with new, increasing ids) and, when given, replaces
    /// the alerter's saved state, in one durable transaction. Also prunes old finished entries.
    fn record(
        &self,
        alerts: &[Alert],
        alerter_state: Option<&str>,
        now_ms: i64,
    ) -> Result<Vec<OutboxEntry>, OutboxError>;

    /// Appends `alert` as a pending entry unless an alert was recorded under `key` before
    /// (then `None`, nothing written), in one durable transaction with the key, so a caller
    /// that hands the same alert again after a crash is answered `None`. Keys are kept for
    /// good, after their entries are pruned. Also prunes old finished entries.
    fn record_once(
        &self,
        key: &str,
        alert: &Alert,
        now_ms: i64,
    ) -> Result<Option<OutboxEntry>, OutboxError>;

    /// The alerter's state as last recorded (JSON text), if any.
    fn alerter_state(&self) -> Result<Option<String>, OutboxError>;

    /// Pending and sending entries, oldest first, at most `limit`.
    fn undelivered(&self, limit: usize) -> Result<Vec<OutboxEntry>, OutboxError>;

    /// Replaces entries (by id) in one durable transaction.
    fn update(&self, entries: &[OutboxEntry]) -> Result<(), OutboxError>;

    /// The newest entries first, at most `limit`.
    fn recent(&self, limit: usize) -> Result<Vec<OutboxEntry>, OutboxError>;
}

/// At start-up: entries a previous run left `sending` go back to `pending`. Returns how many.
pub fn resume_interrupted(store: &dyn AlertStore) -> Result<usize, OutboxError> {
    let interrupted: Vec<OutboxEntry> = store
        .undelivered(usize::MAX)?
        .into_iter()
        .filter_map(|mut entry| entry.resume_after_restart().then_some(entry))
        .collect();
    store.update(&interrupted)?;
    Ok(interrupted.len())
}

/// Runs a store call on the blocking pool: redb commits wait for the disk.
pub async fn on_store<T: Send + 'static>(
    store: &Arc<dyn AlertStore>,
    call: impl FnOnce(&dyn AlertStore) -> Result<T, OutboxError> + Send + 'static,
) -> Result<T, OutboxError> {
    let store = store.clone();
    tokio::task::spawn_blocking(move || call(store.as_ref()))
        .await
        .map_err(|error| OutboxError::Interrupted(error.to_string()))?
}
