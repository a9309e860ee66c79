//! The baseline the ledger's report is compared with: every row of the `usage_ledger` table
//! read and summed, grouped by day × model, with no time index and no rollups. Opens
//! `jobs.redb` directly (the table's name and types are the store's), so the coordinator's
//! store must be closed first.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, bail};
use coordinator::store::ledger::{LedgerRow, add_totals, totals_of};
use coordinator::usage::{UsageQuery, day_of};
use prost::Message;
use proto::v1::{UsageReport, UsageTotals};
use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition};

/// The store's ledger table: job id -> prost-encoded [`LedgerRow`].
const LEDGER: TableDefinition<&str, &[u8]> = TableDefinition::new("usage_ledger");

/// Sums keyed `(day, model)`.
pub type DayModelSums = BTreeMap<(String, String), UsageTotals>;

pub struct LedgerFile {
    database: Database,
}

impl LedgerFile {
    pub fn open(data_dir: &Path) -> anyhow::Result<Self> {
        let path = data_dir.join("jobs.redb");
        let database =
            Database::open(&path).with_context(|| format!("cannot open {}", path.display()))?;
        Ok(Self { database })
    }

    /// Every ledger row finished in the query's range, summed by day (in its zone) and model.
    pub fn sum_by_day_and_model(&self, query: &UsageQuery) -> anyhow::Result<DayModelSums> {
        let transaction = self.database.begin_read()?;
        let table = transaction.open_table(LEDGER)?;
        let mut sums = DayModelSums::new();
        for entry in table.iter()? {
            let (key, value) = entry?;
            let row = LedgerRow::decode(value.value())
                .with_context(|| format!("ledger row {} is unreadable", key.value()))?;
            if row.finished_at_ms < query.since_ms || row.finished_at_ms >= query.until_ms {
                continue;
            }
            let day = day_of(query.time_zone, row.finished_at_ms);
            let totals = sums.entry((day, row.model.clone())).or_default();
            add_totals(totals, &totals_of(&row));
        }
        Ok(sums)
    }
}

/// Fails unless the report grouped by day × model holds exactly the same groups and counts as
/// the full scan (cost compared to a relative 1e-9: the two add in different orders).
pub fn check_same_sums(report: &UsageReport, scan: &DayModelSums) -> anyhow::Result<()> {
    if report.rows.len() != scan.len() {
        bail!(
            "the report has {} day × model groups, the full scan {}",
            report.rows.len(),
            scan.len()
        );
    }
    for row in &report.rows {
        let key = (row.day.clone(), row.model.clone());
        let scanned = scan
            .get(&key)
            .with_context(|| format!("the full scan has no group {key:?}"))?;
        let reported = row.totals.unwrap_or_default();
        let cost_close =
            (reported.cost_usd - scanned.cost_usd).abs() <= 1e-9 * scanned.cost_usd.abs().max(1.0);
        let counts = |totals: &UsageTotals| {
            (
                totals.jobs,
                totals.jobs_without_usage,
                totals.input_tokens,
                totals.output_tokens,
                totals.cached_input_tokens,
                totals.reasoning_tokens,
                totals.unpriced_jobs,
                totals.jobs_without_cost,
            )
        };
        if counts(&reported) != counts(scanned) || !cost_close {
            bail!("group {key:?}: the report says {reported:?}, the full scan {scanned:?}");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
