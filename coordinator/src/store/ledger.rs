//! The usage ledger, written beside the job records in the same transaction: one row per job
//! that ran (keyed by job id, with a `(finished_at_ms, job id)` time index) and rollups per
//! 15-minute, hour and day UTC bucket × model × node that always equal the sum of the current
//! rows (a report covers a year from a few hundred day rollups instead of every row).
//!
//! Both stores keep the same three tables behind [`LedgerTables`] (writes) and [`LedgerRead`]
//! (reads), so the bookkeeping in [`record`] and the report in `crate::usage` are shared.

mod level;
mod memory_tables;
mod redb_tables;
mod row;

pub use level::{Level, cover};
pub(crate) use memory_tables::MemoryLedger;
pub(crate) use redb_tables::{
    RedbLedgerRead, RedbLedgerWrite, create_tables as create_ledger_tables,
};
pub use row::{LedgerRow, add_totals, subtract_totals, totals_of};

use proto::v1::{Job, UsageTotals};

use super::StoreError;

/// A rollup bucket's width: every time zone's midnight falls on a quarter hour, so any day in
/// any zone is whole buckets (a year is 35,040 of them per model × node).
pub const BUCKET_MS: i64 = 15 * 60 * 1000;

/// The start of the bucket that holds `instant_ms`.
pub fn bucket_of(instant_ms: i64) -> i64 {
    instant_ms.div_euclid(BUCKET_MS) * BUCKET_MS
}

/// One rollup: its level, a bucket start (a multiple of the level's width), the model as jobs
/// asked for it, and the node.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RollupKey {
    pub level: Level,
    pub bucket_ms: i64,
    pub model: String,
    pub node: String,
}

impl RollupKey {
    /// The rollup at `level` that holds `row`.
    pub fn of(level: Level, row: &LedgerRow) -> Self {
        Self {
            level,
            bucket_ms: level.bucket_of(row.finished_at_ms),
            model: row.model.clone(),
            node: row.node.clone(),
        }
    }
}

/// The ledger's tables inside one write transaction.
pub(crate) trait LedgerTables {
    fn row(&self, id: &str) -> Result<Option<LedgerRow>, StoreError>;
    /// Writes the row and its time index entry.
    fn put_row(&mut self, id: &str, row: &LedgerRow) -> Result<(), StoreError>;
    /// Removes the row and its time index entry (`old` is the stored row).
    fn remove_row(&mut self, id: &str, old: &LedgerRow) -> Result<(), StoreError>;
    fn rollup(&self, key: &RollupKey) -> Result<Option<UsageTotals>, StoreError>;
    /// Writes a rollup, or removes it when no job is left in it.
    fn put_rollup(&mut self, key: &RollupKey, totals: &UsageTotals) -> Result<(), StoreError>;
}

/// The ledger's tables for a report, read in one snapshot.
pub(crate) trait LedgerRead {
    /// Every row finished in `[since_ms, until_ms)`, by the time index.
    fn rows_between(
        &self,
        since_ms: i64,
        until_ms: i64,
        visit: &mut dyn FnMut(&LedgerRow),
    ) -> Result<(), StoreError>;
    /// Every rollup at `level` whose bucket starts in `[from_ms, until_ms)`.
    fn rollups_between(
        &self,
        level: Level,
        from_ms: i64,
        until_ms: i64,
        visit: &mut dyn FnMut(&RollupKey, &UsageTotals),
    ) -> Result<(), StoreError>;
}

/// Brings the ledger in line with `job` as it is being written: a job that ran and ended gets
/// its row (replacing an older one and moving the rollups by the difference); re-writing the
/// same record changes nothing, so a replay or a duplicate write never counts a job twice.
pub(crate) fn record(tables: &mut dyn LedgerTables, job: &Job) -> Result<(), StoreError> {
    let new = LedgerRow::of(job);
    let old = tables.row(&job.id)?;
    if old == new {
        return Ok(());
    }
    if let Some(old) = &old {
        tables.remove_row(&job.id, old)?;
        adjust(tables, old, subtract_totals)?;
    }
    if let Some(new) = &new {
        tables.put_row(&job.id, new)?;
        adjust(tables, new, add_totals)?;
    }
    Ok(())
}

fn adjust(
    tables: &mut dyn LedgerTables,
    row: &LedgerRow,
    apply: fn(&mut UsageTotals, &UsageTotals),
) -> Result<(), StoreError> {
    let part = totals_of(row);
    for level in Level::ALL {
        let key = RollupKey::of(level, row);
        let mut totals = tables.rollup(&key)?.unwrap_or_default();
        apply(&mut totals, &part);
        tables.put_rollup(&key, &totals)?;
    }
    Ok(())
}
