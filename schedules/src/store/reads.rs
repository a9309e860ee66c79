//! The store's reads: a schedule's cursor and pause, one firing, the open ones, the recent ones.

use proto::v1::Firing;
use redb::{ReadableDatabase, ReadableTable};

use super::{CURSORS, FIRINGS, OPEN, PAUSED, ScheduleStore, StoreError};

impl ScheduleStore {
    /// The newest slot acted on for `name` (ms), or when it was first seen.
    pub fn cursor(&self, name: &str) -> Result<Option<i64>, StoreError> {
        let transaction = self.database.begin_read().map_err(self.failed())?;
        let table = transaction.open_table(CURSORS).map_err(self.failed())?;
        let cursor = table.get(name).map_err(self.failed())?;
        Ok(cursor.map(|value| value.value()))
    }

    /// The firing of `name` at `slot_ms`.
    pub fn firing(&self, name: &str, slot_ms: i64) -> Result<Option<Firing>, StoreError> {
        let transaction = self.database.begin_read().map_err(self.failed())?;
        let table = transaction.open_table(FIRINGS).map_err(self.failed())?;
        let bytes = table.get((name, slot_ms)).map_err(self.failed())?;
        bytes.map(|bytes| self.decode(bytes.value())).transpose()
    }

    /// Every firing still to be finished, oldest slot first per schedule.
    pub fn open_firings(&self) -> Result<Vec<Firing>, StoreError> {
        let transaction = self.database.begin_read().map_err(self.failed())?;
        let open = transaction.open_table(OPEN).map_err(self.failed())?;
        let firings = transaction.open_table(FIRINGS).map_err(self.failed())?;
        let mut found = Vec::new();
        for entry in open.iter().map_err(self.failed())? {
            let (key, _) = entry.map_err(self.failed())?;
            if let Some(bytes) = firings.get(key.value()).map_err(self.failed())? {
                found.push(self.decode(bytes.value())?);
            }
        }
        Ok(found)
    }

    /// `name`'s newest firings, newest first, at most `limit`.
    pub fn recent(&self, name: &str, limit: usize) -> Result<Vec<Firing>, StoreError> {
        let transaction = self.database.begin_read().map_err(self.failed())?;
        let table = transaction.open_table(FIRINGS).map_err(self.failed())?;
        let range = table
            .range((name, i64::MIN)..=(name, i64::MAX))
            .map_err(self.failed())?;
        let mut found = Vec::new();
        for entry in range.rev().take(limit) {
            let (_, bytes) = entry.map_err(self.failed())?;
            found.push(self.decode(bytes.value())?);
        }
        Ok(found)
    }

    pub fn paused(&self, name: &str) -> Result<bool, StoreError> {
        let transaction = self.database.begin_read().map_err(self.failed())?;
        let table = transaction.open_table(PAUSED).map_err(self.failed())?;
        let paused = table.get(name).map_err(self.failed())?;
        Ok(paused.is_some_and(|value| value.value()))
    }
}
