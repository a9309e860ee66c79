//! Builds a `UsageReport` from the ledger: whole 15-minute buckets inside the range from the
//! rollups, the partial buckets at its two edges from the rows (so an instant boundary is
//! exact), grouped as asked and ordered by day, model, node.

use std::collections::BTreeMap;

use proto::v1::{UsageGrouping, UsageReport, UsageRow, UsageTotals};

use super::UsageQuery;
use super::days::day_of;
use crate::store::StoreError;
use crate::store::ledger::{BUCKET_MS, LedgerRead, add_totals, bucket_of, totals_of};

/// Groups keyed `(day, model, node)`, each empty when not grouped by it: a `BTreeMap` keeps
/// them in the report's order.
type Groups = BTreeMap<(String, String, String), UsageTotals>;

pub(crate) fn usage_report(
    query: &UsageQuery,
    ledger: &dyn LedgerRead,
) -> Result<UsageReport, StoreError> {
    let mut groups = Groups::new();
    let mut count = |instant_ms: i64, model: &str, node: &str, totals: &UsageTotals| {
        if query.model.as_deref().is_some_and(|only| only != model)
            || query.node.as_deref().is_some_and(|only| only != node)
        {
            return;
        }
        let key = (
            if query.groups_by(UsageGrouping::Day) {
                day_of(query.time_zone, instant_ms)
            } else {
                String::new()
            },
            keep_if(query.groups_by(UsageGrouping::Model), model),
            keep_if(query.groups_by(UsageGrouping::Node), node),
        );
        add_totals(groups.entry(key).or_default(), totals);
    };

    // The whole buckets: [first_whole, end_whole). Where none fits, rows cover everything.
    let first_whole = bucket_of(query.since_ms + BUCKET_MS - 1);
    let end_whole = bucket_of(query.until_ms);
    if first_whole < end_whole {
        ledger.rows_between(query.since_ms, first_whole, &mut |row| {
            count(row.finished_at_ms, &row.model, &row.node, &totals_of(row));
        })?;
        // A bucket never straddles a day in any zone on quarter-hour offsets, so its start
        // names its day.
        ledger.rollups_between(first_whole, end_whole, &mut |key, totals| {
            count(key.bucket_ms, &key.model, &key.node, totals);
        })?;
        ledger.rows_between(end_whole, query.until_ms, &mut |row| {
            count(row.finished_at_ms, &row.model, &row.node, &totals_of(row));
        })?;
    } else {
        ledger.rows_between(query.since_ms, query.until_ms, &mut |row| {
            count(row.finished_at_ms, &row.model, &row.node, &totals_of(row));
        })?;
    }

    let mut total = UsageTotals::default();
    let rows = groups
        .into_iter()
        .map(|((day, model, node), totals)| {
            add_totals(&mut total, &totals);
            UsageRow {
                day,
                model,
                node,
                totals: Some(totals),
            }
        })
        .collect();
    Ok(UsageReport {
        since_ms: query.since_ms,
        until_ms: query.until_ms,
        time_zone: query.time_zone.name().to_owned(),
        by: query.by.iter().map(|grouping| *grouping as i32).collect(),
        rows,
        total: Some(total),
        budgets: Vec::new(),
    })
}

fn keep_if(grouped: bool, name: &str) -> String {
    if grouped {
        name.to_owned()
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests;
