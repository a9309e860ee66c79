//! The ledger's tables as ordered maps, for `MemoryJobStore` (kept under the same lock as its
//! jobs, so a job and its row change together).

use std::collections::{BTreeMap, BTreeSet};

use proto::v1::UsageTotals;

use super::{LedgerRead, LedgerRow, LedgerTables, Level, RollupKey};
use crate::store::StoreError;

#[derive(Debug, Default)]
pub struct MemoryLedger {
    rows: BTreeMap<String, LedgerRow>,
    by_time: BTreeSet<(i64, String)>,
    rollups: BTreeMap<RollupKey, UsageTotals>,
}

impl LedgerTables for MemoryLedger {
    fn row(&self, id: &str) -> Result<Option<LedgerRow>, StoreError> {
        Ok(self.rows.get(id).cloned())
    }

    fn put_row(&mut self, id: &str, row: &LedgerRow) -> Result<(), StoreError> {
        self.rows.insert(id.to_owned(), row.clone());
        self.by_time.insert((row.finished_at_ms, id.to_owned()));
        Ok(())
    }

    fn remove_row(&mut self, id: &str, old: &LedgerRow) -> Result<(), StoreError> {
        self.rows.remove(id);
        self.by_time.remove(&(old.finished_at_ms, id.to_owned()));
        Ok(())
    }

    fn rollup(&self, key: &RollupKey) -> Result<Option<UsageTotals>, StoreError> {
        Ok(self.rollups.get(key).copied())
    }

    fn put_rollup(&mut self, key: &RollupKey, totals: &UsageTotals) -> Result<(), StoreError> {
        if totals.jobs == 0 {
            self.rollups.remove(key);
        } else {
            self.rollups.insert(key.clone(), *totals);
        }
        Ok(())
    }
}

impl LedgerRead for MemoryLedger {
    fn rows_between(
        &self,
        since_ms: i64,
        until_ms: i64,
        visit: &mut dyn FnMut(&LedgerRow),
    ) -> Result<(), StoreError> {
        if since_ms >= until_ms {
            return Ok(());
        }
        let range = (since_ms, String::new())..(until_ms, String::new());
        for (_, id) in self.by_time.range(range) {
            if let Some(row) = self.rows.get(id) {
                visit(row);
            }
        }
        Ok(())
    }

    fn rollups_between(
        &self,
        level: Level,
        from_ms: i64,
        until_ms: i64,
        visit: &mut dyn FnMut(&RollupKey, &UsageTotals),
    ) -> Result<(), StoreError> {
        if from_ms >= until_ms {
            return Ok(());
        }
        // Keys order by level first, so one level's buckets are one range.
        let bound = |bucket_ms| RollupKey {
            level,
            bucket_ms,
            model: String::new(),
            node: String::new(),
        };
        for (key, totals) in self.rollups.range(bound(from_ms)..bound(until_ms)) {
            visit(key, totals);
        }
        Ok(())
    }
}
