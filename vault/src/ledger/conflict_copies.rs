//! Conflict copies already moved to `conflicts/`, by inbox name and content hash, so a copy
//! Syncthing brings back unchanged is recognised instead of moved and alerted on again.

use super::redb_ledger::CONFLICTS;
use super::{Ledger, LedgerError};

impl Ledger {
    /// Whether a copy named `source_name` with this content hash was handled before.
    pub fn conflict_handled(&self, source_name: &str, sha: &str) -> Result<bool, LedgerError> {
        let transaction = self.begin_read()?;
        let table = transaction.open_table(CONFLICTS).map_err(self.database())?;
        let found = table.get((source_name, sha)).map_err(self.database())?;
        Ok(found.is_some())
    }

    /// Records that the copy was moved away at `at_ms` (a second record of the same copy
    /// keeps the later time). Durable when this returns.
    pub fn record_conflict(
        &self,
        source_name: &str,
        sha: &str,
        at_ms: i64,
    ) -> Result<(), LedgerError> {
        let transaction = self.database.begin_write().map_err(self.database())?;
        {
            let mut table = transaction.open_table(CONFLICTS).map_err(self.database())?;
            table
                .insert((source_name, sha), at_ms)
                .map_err(self.database())?;
        }
        transaction.commit().map_err(self.database())?;
        Ok(())
    }
}

#[cfg(test)]
mod tests;
