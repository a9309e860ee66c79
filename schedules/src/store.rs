//! `schedules.redb` under the coordinator's data dir: every firing by (schedule, slot), each
//! schedule's cursor (the last slot acted on) and whether it is paused. A firing and the
//! cursor move in one transaction, so a slot is acted on once: recorded `pending` before its
//! job is submitted, a restart finds it and submits it again with the same idempotency key.

use std::path::Path;
use std::sync::Arc;

use prost::Message;
use proto::v1::{Firing, FiringOutcome};
use redb::{Database, TableDefinition, WriteTransaction};

/// (schedule, slot ms) -> the `Firing`, protobuf-encoded.
pub(super) const FIRINGS: TableDefinition<(&str, i64), &[u8]> = TableDefinition::new("firings");
/// (schedule, slot ms) of every firing still to be finished: pending, or an agent run going on.
pub(super) const OPEN: TableDefinition<(&str, i64), ()> = TableDefinition::new("open_firings");
/// Schedule -> the newest slot acted on (fired, skipped or missed), or when it was first seen.
pub(super) const CURSORS: TableDefinition<&str, i64> = TableDefinition::new("cursors");
/// Schedule -> paused.
pub(super) const PAUSED: TableDefinition<&str, bool> = TableDefinition::new("paused");

const FILE_NAME: &str = "schedules.redb";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path} is open in another process: is another `runner serve` using this data_dir?")]
    InUse { path: String },
    #[error("could not open {path}: {source}")]
    Open { path: String, source: redb::Error },
    #[error("{path}: {source}")]
    Database { path: String, source: redb::Error },
    #[error("the schedule store's thread stopped: {0}")]
    Stopped(String),
    #[error("{path}: a stored firing could not be read: {source}")]
    Decode {
        path: String,
        source: prost::DecodeError,
    },
}

#[derive(Debug)]
pub struct ScheduleStore {
    database: Database,
    path: String,
}

/// Whether a firing still needs this process to act: its job not yet submitted, or its agent
/// run not ended.
pub fn is_open(firing: &Firing) -> bool {
    match FiringOutcome::try_from(firing.outcome) {
        Ok(FiringOutcome::Pending) => true,
        Ok(FiringOutcome::Started) => firing
            .run
            .as_ref()
            .is_some_and(|run| run.state == "running"),
        _ => false,
    }
}

/// Runs `work` on the store on a blocking thread (every write waits for a durable commit).
pub async fn blocking<T: Send + 'static>(
    store: &Arc<ScheduleStore>,
    work: impl FnOnce(&ScheduleStore) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, StoreError> {
    let store = store.clone();
    tokio::task::spawn_blocking(move || work(&store))
        .await
        .unwrap_or_else(|stopped| Err(StoreError::Stopped(stopped.to_string())))
}

impl ScheduleStore {
    pub fn open(data_dir: &Path) -> Result<Self, StoreError> {
        let database = datafile::open_redb(data_dir, FILE_NAME, |transaction| {
            transaction.open_table(FIRINGS)?;
            transaction.open_table(OPEN)?;
            transaction.open_table(CURSORS)?;
            transaction.open_table(PAUSED)?;
            Ok(())
        })
        .map_err(|error| match error.source {
            redb::Error::DatabaseAlreadyOpen => StoreError::InUse { path: error.path },
            source => StoreError::Open {
                path: error.path,
                source,
            },
        })?;
        let path = data_dir.join(FILE_NAME).display().to_string();
        Ok(Self { database, path })
    }

    /// In one durable transaction: every firing of `firings` written (replacing one with the
    /// same slot), and `name`'s cursor set to `cursor_ms` when given.
    pub fn record(
        &self,
        name: &str,
        firings: &[Firing],
        cursor_ms: Option<i64>,
    ) -> Result<(), StoreError> {
        let transaction = self.database.begin_write().map_err(self.failed())?;
        for firing in firings {
            self.write_firing(&transaction, firing)?;
        }
        if let Some(cursor) = cursor_ms {
            let mut cursors = transaction.open_table(CURSORS).map_err(self.failed())?;
            cursors.insert(name, cursor).map_err(self.failed())?;
        }
        transaction.commit().map_err(self.failed())
    }

    /// Writes one firing (its new outcome, job or run).
    pub fn put(&self, firing: &Firing) -> Result<(), StoreError> {
        self.record(&firing.schedule, std::slice::from_ref(firing), None)
    }

    /// Pauses or resumes `name`; a resumed schedule's cursor moves to `resumed_at_ms` in the
    /// same transaction, so the slots passed while it was paused are not caught up.
    pub fn set_paused(
        &self,
        name: &str,
        paused: bool,
        resumed_at_ms: i64,
    ) -> Result<(), StoreError> {
        let transaction = self.database.begin_write().map_err(self.failed())?;
        {
            let mut table = transaction.open_table(PAUSED).map_err(self.failed())?;
            table.insert(name, paused).map_err(self.failed())?;
            if !paused {
                let mut cursors = transaction.open_table(CURSORS).map_err(self.failed())?;
                cursors.insert(name, resumed_at_ms).map_err(self.failed())?;
            }
        }
        transaction.commit().map_err(self.failed())
    }

    fn write_firing(
        &self,
        transaction: &WriteTransaction,
        firing: &Firing,
    ) -> Result<(), StoreError> {
        let key = (firing.schedule.as_str(), firing.scheduled_at_ms);
        let mut firings = transaction.open_table(FIRINGS).map_err(self.failed())?;
        firings
            .insert(key, firing.encode_to_vec().as_slice())
            .map_err(self.failed())?;
        let mut open = transaction.open_table(OPEN).map_err(self.failed())?;
        if is_open(firing) {
            open.insert(key, ()).map_err(self.failed())?;
        } else {
            open.remove(key).map_err(self.failed())?;
        }
        Ok(())
    }

    pub(super) fn decode(&self, bytes: &[u8]) -> Result<Firing, StoreError> {
        Firing::decode(bytes).map_err(|source| StoreError::Decode {
            path: self.path.clone(),
            source,
        })
    }

    pub(super) fn failed<E: Into<redb::Error>>(&self) -> impl Fn(E) -> StoreError + '_ {
        move |error| StoreError::Database {
            path: self.path.clone(),
            source: error.into(),
        }
    }
}

mod reads;

#[cfg(test)]
mod tests;
