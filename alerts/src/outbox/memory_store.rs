//! The outbox in memory, for tests and as the reference the redb store is checked against.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard};

use super::{AlertStore, OutboxEntry, OutboxError};
use crate::alert::Alert;

#[derive(Debug, Default)]
struct Contents {
    entries: BTreeMap<u64, OutboxEntry>,
    alerter_state: Option<String>,
    /// `record_once` keys and their entry ids.
    handed_over: HashMap<String, u64>,
}

#[derive(Debug)]
pub struct MemoryOutbox {
    contents: Mutex<Contents>,
    history_limit: u64,
}

impl MemoryOutbox {
    pub fn new(history_limit: u64) -> Self {
        Self {
            contents: Mutex::new(Contents::default()),
            // At least the newest entry stays, so ids are never handed out twice.
            history_limit: history_limit.max(1),
        }
    }

    /// Inserts `alerts` after the last id and prunes finished entries past the history limit.
    fn append(&self, contents: &mut Contents, alerts: &[Alert], now_ms: i64) -> Vec<OutboxEntry> {
        let mut next_id = contents
            .entries
            .keys()
            .next_back()
            .map_or(1, |last| last + 1);
        let mut recorded = Vec::with_capacity(alerts.len());
        for alert in alerts {
            let entry = OutboxEntry::new(next_id, alert.clone(), now_ms);
            contents.entries.insert(next_id, entry.clone());
            recorded.push(entry);
            next_id += 1;
        }
        let cutoff = next_id.saturating_sub(self.history_limit + 1);
        contents
            .entries
            .retain(|id, entry| *id > cutoff || !entry.state.is_finished());
        recorded
    }

    fn lock(&self) -> MutexGuard<'_, Contents> {
        // A panic while holding this lock leaves plain data behind, still usable.
        self.contents
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl AlertStore for MemoryOutbox {
    fn record(
        &self,
        alerts: &[Alert],
        alerter_state: Option<&str>,
        now_ms: i64,
    ) -> Result<Vec<OutboxEntry>, OutboxError> {
        let mut contents = self.lock();
        let recorded = self.append(&mut contents, alerts, now_ms);
        if let Some(state) = alerter_state {
            contents.alerter_state = Some(state.to_owned());
        }
        Ok(recorded)
    }

    fn record_once(
        &self,
        key: &str,
        alert: &Alert,
        now_ms: i64,
    ) -> Result<Option<OutboxEntry>, OutboxError> {
        let mut contents = self.lock();
        if contents.handed_over.contains_key(key) {
            return Ok(None);
        }
        let entry = self
            .append(&mut contents, std::slice::from_ref(alert), now_ms)
            .into_iter()
            .next();
        if let Some(entry) = &entry {
            contents.handed_over.insert(key.to_owned(), entry.id);
        }
        Ok(entry)
    }

    fn alerter_state(&self) -> Result<Option<String>, OutboxError> {
        Ok(self.lock().alerter_state.clone())
    }

    fn undelivered(&self, limit: usize) -> Result<Vec<OutboxEntry>, OutboxError> {
        Ok(self
            .lock()
            .entries
            .values()
            .filter(|entry| !entry.state.is_finished())
            .take(limit)
            .cloned()
            .collect())
    }

    fn update(&self, entries: &[OutboxEntry]) -> Result<(), OutboxError> {
        let mut contents = self.lock();
        for entry in entries {
            contents.entries.insert(entry.id, entry.clone());
        }
        Ok(())
    }

    fn recent(&self, limit: usize) -> Result<Vec<OutboxEntry>, OutboxError> {
        Ok(self
            .lock()
            .entries
            .values()
            .rev()
            .take(limit)
            .cloned()
            .collect())
    }
}
