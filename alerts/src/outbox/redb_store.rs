//! The durable outbox: `alerts.redb` in `data_dir`, its own file beside the job store. Entries
//! are keyed by their increasing id (JSON values); the alerter's state is one JSON value; the
//! keys of alerts handed over once (`record_once`) map to their entry's id.

use std::path::Path;

use redb::{Database, ReadableDatabase, ReadableTable, Table, TableDefinition};

use super::{AlertStore, OutboxEntry, OutboxError};
use crate::alert::Alert;

const OUTBOX: TableDefinition<u64, &[u8]> = TableDefinition::new("outbox");
const STATE: TableDefinition<&str, &[u8]> = TableDefinition::new("alerter_state");
const ALERTER_STATE_KEY: &str = "alerter";
const HANDED_OVER: TableDefinition<&str, u64> = TableDefinition::new("handed_over_keys");

#[derive(Debug)]
pub struct RedbOutbox {
    database: Database,
    history_limit: u64,
}

impl RedbOutbox {
    /// Opens (or creates) `alerts.redb` in `data_dir`, creating the directory when missing.
    pub fn open(data_dir: &Path, history_limit: u64) -> Result<Self, OutboxError> {
        let database = datafile::open_redb(data_dir, "alerts.redb", |transaction| {
            transaction.open_table(OUTBOX)?;
            transaction.open_table(HANDED_OVER)?;
            transaction.open_table(STATE).map(drop)
        })
        .map_err(|error| OutboxError::Open {
            path: error.path,
            source: error.source,
        })?;
        Ok(Self {
            database,
            // At least the newest entry stays, so ids are never handed out twice.
            history_limit: history_limit.max(1),
        })
    }
}

impl RedbOutbox {
    /// Inserts `alerts` as new entries after the last id, then prunes finished entries older
    /// than the history limit.
    fn append(
        &self,
        outbox: &mut Table<'_, u64, &'static [u8]>,
        alerts: &[Alert],
        now_ms: i64,
    ) -> Result<Vec<OutboxEntry>, OutboxError> {
        let last = outbox.last().map_err(redb::Error::from)?;
        let mut next_id = last.map_or(1, |(key, _)| key.value() + 1);
        let mut recorded = Vec::with_capacity(alerts.len());
        for alert in alerts {
            let entry = OutboxEntry::new(next_id, alert.clone(), now_ms);
            outbox
                .insert(next_id, encode(&entry)?.as_slice())
                .map_err(redb::Error::from)?;
            recorded.push(entry);
            next_id += 1;
        }
        let cutoff = next_id.saturating_sub(self.history_limit + 1);
        // Unreadable entries are pruned too: nothing could ever send them.
        outbox
            .retain_in(..=cutoff, |id, bytes| {
                decode(id, bytes).is_ok_and(|entry| !entry.state.is_finished())
            })
            .map_err(redb::Error::from)?;
        Ok(recorded)
    }
}

fn decode(id: u64, bytes: &[u8]) -> Result<OutboxEntry, OutboxError> {
    serde_json::from_slice(bytes).map_err(|source| OutboxError::Corrupt {
        key: id.to_string(),
        source,
    })
}

fn encode(entry: &OutboxEntry) -> Result<Vec<u8>, OutboxError> {
    serde_json::to_vec(entry).map_err(OutboxError::Encode)
}

impl AlertStore for RedbOutbox {
    fn record(
        &self,
        alerts: &[Alert],
        alerter_state: Option<&str>,
        now_ms: i64,
    ) -> Result<Vec<OutboxEntry>, OutboxError> {
        let transaction = self.database.begin_write().map_err(redb::Error::from)?;
        let recorded;
        {
            let mut outbox = transaction.open_table(OUTBOX).map_err(redb::Error::from)?;
            recorded = self.append(&mut outbox, alerts, now_ms)?;
            if let Some(state) = alerter_state {
                let mut table = transaction.open_table(STATE).map_err(redb::Error::from)?;
                table
                    .insert(ALERTER_STATE_KEY, state.as_bytes())
                    .map_err(redb::Error::from)?;
            }
        }
        transaction.commit().map_err(redb::Error::from)?;
        Ok(recorded)
    }

    fn record_once(
        &self,
        key: &str,
        alert: &Alert,
        now_ms: i64,
    ) -> Result<Option<OutboxEntry>, OutboxError> {
        let transaction = self.database.begin_write().map_err(redb::Error::from)?;
        let recorded = {
            let mut keys = transaction
                .open_table(HANDED_OVER)
                .map_err(redb::Error::from)?;
            if keys.get(key).map_err(redb::Error::from)?.is_some() {
                None
            } else {
                let mut outbox = transaction.open_table(OUTBOX).map_err(redb::Error::from)?;
                let appended = self.append(&mut outbox, std::slice::from_ref(alert), now_ms)?;
                let entry = appended.into_iter().next();
                if let Some(entry) = &entry {
                    keys.insert(key, entry.id).map_err(redb::Error::from)?;
                }
                entry
            }
        };
        match recorded {
            Some(_) => transaction.commit().map_err(redb::Error::from)?,
            None => transaction.abort().map_err(redb::Error::from)?,
        }
        Ok(recorded)
    }

    fn alerter_state(&self) -> Result<Option<String>, OutboxError> {
        let transaction = self.database.begin_read().map_err(redb::Error::from)?;
        let table = transaction.open_table(STATE).map_err(redb::Error::from)?;
        let found = table.get(ALERTER_STATE_KEY).map_err(redb::Error::from)?;
        Ok(found.map(|value| String::from_utf8_lossy(value.value()).into_owned()))
    }

    fn undelivered(&self, limit: usize) -> Result<Vec<OutboxEntry>, OutboxError> {
        let transaction = self.database.begin_read().map_err(redb::Error::from)?;
        let table = transaction.open_table(OUTBOX).map_err(redb::Error::from)?;
        let mut entries = Vec::new();
        for row in table.iter().map_err(redb::Error::from)? {
            let (key, value) = row.map_err(redb::Error::from)?;
            let entry = decode(key.value(), value.value())?;
            if !entry.state.is_finished() {
                entries.push(entry);
                if entries.len() >= limit {
                    break;
                }
            }
        }
        Ok(entries)
    }

    fn update(&self, entries: &[OutboxEntry]) -> Result<(), OutboxError> {
        if entries.is_empty() {
            return Ok(());
        }
        let transaction = self.database.begin_write().map_err(redb::Error::from)?;
        {
            let mut table = transaction.open_table(OUTBOX).map_err(redb::Error::from)?;
            for entry in entries {
                table
                    .insert(entry.id, encode(entry)?.as_slice())
                    .map_err(redb::Error::from)?;
            }
        }
        transaction.commit().map_err(redb::Error::from)?;
        Ok(())
    }

    fn recent(&self, limit: usize) -> Result<Vec<OutboxEntry>, OutboxError> {
        let transaction = self.database.begin_read().map_err(redb::Error::from)?;
        let table = transaction.open_table(OUTBOX).map_err(redb::Error::from)?;
        let mut entries = Vec::new();
        for row in table.iter().map_err(redb::Error::from)?.rev().take(limit) {
            let (key, value) = row.map_err(redb::Error::from)?;
            entries.push(decode(key.value(), value.value())?);
        }
        Ok(entries)
    }
}
