//! The ledger's tables in `jobs.redb`: rows by job id, the time index and one rollup table per
//! level, opened inside the job store's own transactions.

use prost::Message;
use proto::v1::UsageTotals;
use redb::{
    ReadOnlyTable, ReadTransaction, ReadableTable, ReadableTableMetadata, Table, TableDefinition,
    WriteTransaction,
};

use super::{LedgerRead, LedgerRow, LedgerTables, Level, RollupKey};
use crate::store::StoreError;

/// Job id -> prost-encoded [`LedgerRow`].
pub const LEDGER: TableDefinition<&str, &[u8]> = TableDefinition::new("usage_ledger");
/// `(finished_at_ms, job id)`: a time range of rows is a range scan.
pub const LEDGER_BY_TIME: TableDefinition<(i64, &str), ()> =
    TableDefinition::new("usage_ledger_by_time");
type RollupDefinition = TableDefinition<'static, (i64, &'static str, &'static str), &'static [u8]>;
type RollupTable<'txn> = Table<'txn, (i64, &'static str, &'static str), &'static [u8]>;
type RollupReadTable = ReadOnlyTable<(i64, &'static str, &'static str), &'static [u8]>;

/// `(15-minute bucket start, model, node)` -> prost-encoded `UsageTotals`.
pub const ROLLUPS: RollupDefinition = TableDefinition::new("usage_rollups");
/// The same per UTC hour.
pub const HOUR_ROLLUPS: RollupDefinition = TableDefinition::new("usage_rollups_hour");
/// The same per UTC day.
pub const DAY_ROLLUPS: RollupDefinition = TableDefinition::new("usage_rollups_day");

fn rollup_table(level: Level) -> RollupDefinition {
    match level {
        Level::Quarter => ROLLUPS,
        Level::Hour => HOUR_ROLLUPS,
        Level::Day => DAY_ROLLUPS,
    }
}

fn corrupt(what: &str, source: prost::DecodeError) -> StoreError {
    StoreError::Corrupt {
        id: what.to_owned(),
        source,
    }
}

fn decode_row(id: &str, bytes: &[u8]) -> Result<LedgerRow, StoreError> {
    LedgerRow::decode(bytes).map_err(|source| corrupt(&format!("usage row {id}"), source))
}

fn decode_totals(key: &RollupKey, bytes: &[u8]) -> Result<UsageTotals, StoreError> {
    UsageTotals::decode(bytes).map_err(|source| {
        corrupt(
            &format!(
                "usage rollup {:?} {} {} {}",
                key.level, key.bucket_ms, key.model, key.node
            ),
            source,
        )
    })
}

/// Creates the ledger's tables (for `open_redb`'s set-up transaction). A file written before
/// the hour and day levels existed gets them summed from its 15-minute rollups, once.
pub fn create_tables(transaction: &WriteTransaction) -> Result<(), redb::TableError> {
    transaction.open_table(LEDGER)?;
    transaction.open_table(LEDGER_BY_TIME)?;
    let quarters = transaction.open_table(ROLLUPS)?;
    for level in [Level::Hour, Level::Day] {
        let mut coarser = transaction.open_table(rollup_table(level))?;
        if coarser.is_empty()? {
            fill_from_quarters(&quarters, &mut coarser, level)?;
        }
    }
    Ok(())
}

fn fill_from_quarters(
    quarters: &RollupTable<'_>,
    coarser: &mut RollupTable<'_>,
    level: Level,
) -> Result<(), redb::TableError> {
    let mut sums: std::collections::BTreeMap<(i64, String, String), UsageTotals> =
        Default::default();
    for entry in quarters.iter()? {
        let (key, value) = entry?;
        let (bucket_ms, model, node) = key.value();
        // A damaged 15-minute rollup is reported when a report reads it; skip it here.
        if let Ok(totals) = UsageTotals::decode(value.value()) {
            let key = (
                level.bucket_of(bucket_ms),
                model.to_owned(),
                node.to_owned(),
            );
            super::add_totals(sums.entry(key).or_default(), &totals);
        }
    }
    for ((bucket_ms, model, node), totals) in sums {
        let bytes = totals.encode_to_vec();
        coarser.insert((bucket_ms, model.as_str(), node.as_str()), bytes.as_slice())?;
    }
    Ok(())
}

pub struct RedbLedgerWrite<'txn> {
    rows: Table<'txn, &'static str, &'static [u8]>,
    by_time: Table<'txn, (i64, &'static str), ()>,
    /// One table per level, in `Level::ALL`'s order.
    rollups: [RollupTable<'txn>; 3],
}

impl<'txn> RedbLedgerWrite<'txn> {
    pub fn open(transaction: &'txn WriteTransaction) -> Result<Self, StoreError> {
        let open = |level| transaction.open_table(rollup_table(level));
        Ok(Self {
            rows: transaction.open_table(LEDGER).map_err(redb::Error::from)?,
            by_time: transaction
                .open_table(LEDGER_BY_TIME)
                .map_err(redb::Error::from)?,
            rollups: [
                open(Level::Quarter).map_err(redb::Error::from)?,
                open(Level::Hour).map_err(redb::Error::from)?,
                open(Level::Day).map_err(redb::Error::from)?,
            ],
        })
    }
}

impl LedgerTables for RedbLedgerWrite<'_> {
    fn row(&self, id: &str) -> Result<Option<LedgerRow>, StoreError> {
        let found = self.rows.get(id).map_err(redb::Error::from)?;
        found.map(|bytes| decode_row(id, bytes.value())).transpose()
    }

    fn put_row(&mut self, id: &str, row: &LedgerRow) -> Result<(), StoreError> {
        let bytes = row.encode_to_vec();
        self.rows
            .insert(id, bytes.as_slice())
            .map_err(redb::Error::from)?;
        self.by_time
            .insert((row.finished_at_ms, id), ())
            .map_err(redb::Error::from)?;
        Ok(())
    }

    fn remove_row(&mut self, id: &str, old: &LedgerRow) -> Result<(), StoreError> {
        self.rows.remove(id).map_err(redb::Error::from)?;
        self.by_time
            .remove((old.finished_at_ms, id))
            .map_err(redb::Error::from)?;
        Ok(())
    }

    fn rollup(&self, key: &RollupKey) -> Result<Option<UsageTotals>, StoreError> {
        let redb_key = (key.bucket_ms, key.model.as_str(), key.node.as_str());
        let found = self.rollups[key.level as usize]
            .get(redb_key)
            .map_err(redb::Error::from)?;
        found
            .map(|bytes| decode_totals(key, bytes.value()))
            .transpose()
    }

    fn put_rollup(&mut self, key: &RollupKey, totals: &UsageTotals) -> Result<(), StoreError> {
        let redb_key = (key.bucket_ms, key.model.as_str(), key.node.as_str());
        let table = &mut self.rollups[key.level as usize];
        if totals.jobs == 0 {
            table.remove(redb_key).map_err(redb::Error::from)?;
        } else {
            let bytes = totals.encode_to_vec();
            table
                .insert(redb_key, bytes.as_slice())
                .map_err(redb::Error::from)?;
        }
        Ok(())
    }
}

pub struct RedbLedgerRead {
    rows: ReadOnlyTable<&'static str, &'static [u8]>,
    by_time: ReadOnlyTable<(i64, &'static str), ()>,
    /// One table per level, in `Level::ALL`'s order.
    rollups: [RollupReadTable; 3],
}

impl RedbLedgerRead {
    pub fn open(transaction: &ReadTransaction) -> Result<Self, StoreError> {
        Ok(Self {
            rows: transaction.open_table(LEDGER).map_err(redb::Error::from)?,
            by_time: transaction
                .open_table(LEDGER_BY_TIME)
                .map_err(redb::Error::from)?,
            rollups: [
                transaction.open_table(ROLLUPS).map_err(redb::Error::from)?,
                transaction
                    .open_table(HOUR_ROLLUPS)
                    .map_err(redb::Error::from)?,
                transaction
                    .open_table(DAY_ROLLUPS)
                    .map_err(redb::Error::from)?,
            ],
        })
    }
}

impl LedgerRead for RedbLedgerRead {
    fn rows_between(
        &self,
        since_ms: i64,
        until_ms: i64,
        visit: &mut dyn FnMut(&LedgerRow),
    ) -> Result<(), StoreError> {
        if since_ms >= until_ms {
            return Ok(());
        }
        let range = self
            .by_time
            .range((since_ms, "")..(until_ms, ""))
            .map_err(redb::Error::from)?;
        for entry in range {
            let (key, _) = entry.map_err(redb::Error::from)?;
            let (_, id) = key.value();
            if let Some(bytes) = self.rows.get(id).map_err(redb::Error::from)? {
                visit(&decode_row(id, bytes.value())?);
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
        let range = self.rollups[level as usize]
            .range((from_ms, "", "")..(until_ms, "", ""))
            .map_err(redb::Error::from)?;
        for entry in range {
            let (key, value) = entry.map_err(redb::Error::from)?;
            let (bucket_ms, model, node) = key.value();
            let key = RollupKey {
                level,
                bucket_ms,
                model: model.to_owned(),
                node: node.to_owned(),
            };
            visit(&key, &decode_totals(&key, value.value())?);
        }
        Ok(())
    }
}
