//! Builds a `UsageReport` from the ledger: the whole 15-minute buckets inside the range from
//! the rollups (as few as the hour and day levels allow), the partial buckets at its two edges
//! from the rows (so an instant boundary is exact), grouped as asked and ordered by day, model,
//! node.

use std::collections::BTreeMap;

use chrono::Days;
use proto::v1::{UsageGrouping, UsageReport, UsageRow, UsageTotals};

use super::UsageQuery;
use super::days::{date_of, day_of, start_of_day};
use crate::store::StoreError;
use crate::store::ledger::{BUCKET_MS, LedgerRead, add_totals, bucket_of, cover, totals_of};

/// Groups keyed `(day, model, node)`, each empty when not grouped by it: a `BTreeMap` keeps
/// them in the report's order.
type Groups = BTreeMap<(String, String, String), UsageTotals>;

pub(crate) fn usage_report(
    query: &UsageQuery,
    ledger: &dyn LedgerRead,
) -> Result<UsageReport, StoreError> {
    let mut groups = Groups::new();
    let by_day = query.groups_by(UsageGrouping::Day);
    if by_day {
        // Each day of the zone is its own range, so every rollup read lies inside one day
        // (an hour or UTC day bucket may straddle a zone's midnight) and its start names it.
        // A day is far longer than an hour, so the ranges are bounded by the range's hours;
        // should a strange zone ever exceed that, the rest is counted as one last range.
        let max_days = (query.until_ms - query.since_ms) / 3_600_000 + 2;
        let mut from_ms = query.since_ms;
        for _ in 0..max_days {
            if from_ms >= query.until_ms {
                break;
            }
            let date = date_of(query.time_zone, from_ms);
            let day_end = date
                .checked_add_days(Days::new(1))
                .map_or(query.until_ms, |next| {
                    start_of_day(query.time_zone, next).clamp(from_ms + 1, query.until_ms)
                });
            let day = day_of(query.time_zone, from_ms);
            count_range(query, ledger, from_ms, day_end, &mut groups, &day)?;
            from_ms = day_end;
        }
        if from_ms < query.until_ms {
            let day = day_of(query.time_zone, from_ms);
            count_range(query, ledger, from_ms, query.until_ms, &mut groups, &day)?;
        }
    } else {
        count_range(
            query,
            ledger,
            query.since_ms,
            query.until_ms,
            &mut groups,
            "",
        )?;
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

/// Adds what ended in `[since_ms, until_ms)` to `groups` under `day`: whole 15-minute buckets
/// from the rollups, the rest from the rows.
fn count_range(
    query: &UsageQuery,
    ledger: &dyn LedgerRead,
    since_ms: i64,
    until_ms: i64,
    groups: &mut Groups,
    day: &str,
) -> Result<(), StoreError> {
    let mut count = |model: &str, node: &str, totals: &UsageTotals| {
        if query.model.as_deref().is_some_and(|only| only != model)
            || query.node.as_deref().is_some_and(|only| only != node)
        {
            return;
        }
        let key = (
            day.to_owned(),
            keep_if(query.groups_by(UsageGrouping::Model), model),
            keep_if(query.groups_by(UsageGrouping::Node), node),
        );
        add_totals(groups.entry(key).or_default(), totals);
    };
    // The whole buckets: [first_whole, end_whole). Where none fits, rows cover everything.
    let first_whole = bucket_of(since_ms + BUCKET_MS - 1);
    let end_whole = bucket_of(until_ms);
    if first_whole >= end_whole {
        return ledger.rows_between(since_ms, until_ms, &mut |row| {
            count(&row.model, &row.node, &totals_of(row));
        });
    }
    ledger.rows_between(since_ms, first_whole, &mut |row| {
        count(&row.model, &row.node, &totals_of(row));
    })?;
    for (level, from_ms, end_ms) in cover(first_whole, end_whole) {
        ledger.rollups_between(level, from_ms, end_ms, &mut |key, totals| {
            count(&key.model, &key.node, totals);
        })?;
    }
    ledger.rows_between(end_whole, until_ms, &mut |row| {
        count(&row.model, &row.node, &totals_of(row));
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
