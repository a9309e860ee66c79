//! The text of a usage report: a header with the range and zone, the table with a TOTAL row,
//! notes for the jobs whose tokens or cost are not numbers, and one line per budget.

use std::fmt::Write as _;

use client::usage::{budget_limit, budget_spent_of_cap, format_count, format_usd, grouping, notes};
use proto::v1::{BudgetUse, UsageGrouping, UsageReport, UsageRow, UsageTotals};

use super::super::render::Table;

/// The whole report in at most `width` characters a line for the table (`None`: no limit).
pub fn report_text(report: &UsageReport, width: Option<usize>) -> String {
    let mut text = header_line(report);
    let total = report.total.unwrap_or_default();
    if report.rows.is_empty() && total.jobs == 0 {
        text.push_str("no jobs in this range\n");
    } else {
        text.push_str(&usage_table(report, width));
        for note in notes(&total) {
            let _ = writeln!(text, "{note}");
        }
    }
    if !report.budgets.is_empty() {
        text.push_str("\nbudgets:\n");
        text.push_str(&budget_lines(&report.budgets));
    }
    text
}

/// `usage 2026-11-04 00:00 UTC – 2026-12-03 13:05 UTC (days in Europe/Berlin), by day, model`
fn header_line(report: &UsageReport) -> String {
    let zone = if report.time_zone.is_empty() {
        "UTC"
    } else {
        &report.time_zone
    };
    let by: Vec<&str> = report.by.iter().map(|&by| grouping(by)).collect();
    let by = if by.is_empty() {
        String::new()
    } else {
        format!(", by {}", by.join(", "))
    };
    format!(
        "usage {} – {} (days in {zone}){by}\n",
        minute(report.since_ms),
        minute(report.until_ms)
    )
}

/// `2026-12-04 00:00 UTC`.
pub fn minute(unix_ms: i64) -> String {
    match chrono::DateTime::from_timestamp_millis(unix_ms) {
        Some(at) => at.format("%Y-%m-%d %H:%M UTC").to_string(),
        None => format!("{unix_ms} ms after the Unix epoch"),
    }
}

const NUMBER_HEADERS: [&str; 6] = ["JOBS", "INPUT", "OUTPUT", "CACHED", "REASONING", "COST"];

fn usage_table(report: &UsageReport, width: Option<usize>) -> String {
    let groupings: Vec<UsageGrouping> = report
        .by
        .iter()
        .filter_map(|&by| UsageGrouping::try_from(by).ok())
        .filter(|by| *by != UsageGrouping::Unspecified)
        .collect();
    let mut headers: Vec<&'static str> = groupings.iter().map(|by| column_name(*by)).collect();
    headers.extend(NUMBER_HEADERS);
    let mut rows: Vec<Vec<String>> = report
        .rows
        .iter()
        .map(|row| {
            let mut cells: Vec<String> = groupings.iter().map(|by| key(row, *by)).collect();
            cells.extend(number_cells(&row.totals.unwrap_or_default()));
            cells
        })
        .collect();
    let mut total_row = vec![String::new(); groupings.len()];
    total_row.extend(number_cells(&report.total.unwrap_or_default()));
    if let Some(first) = total_row.first_mut()
        && first.is_empty()
    {
        *first = "TOTAL".to_owned();
    }
    // Without a grouping column the table is the total alone.
    if groupings.is_empty() {
        rows.clear();
    }
    rows.push(total_row);
    let cost_width = rows
        .iter()
        .filter_map(|row| row.last())
        .map(|cell| cell.chars().count())
        .max()
        .unwrap_or(0)
        .max("COST".len());
    let mut table = Table::new(&headers)
        .optional(&["REASONING", "CACHED"])
        .last_needs(cost_width);
    for row in rows {
        table.push_row(row);
    }
    table.render_within(width)
}

fn column_name(by: UsageGrouping) -> &'static str {
    match by {
        UsageGrouping::Day => "DAY",
        UsageGrouping::Node => "NODE",
        UsageGrouping::Model | UsageGrouping::Unspecified => "MODEL",
    }
}

fn key(row: &UsageRow, by: UsageGrouping) -> String {
    let value = match by {
        UsageGrouping::Day => &row.day,
        UsageGrouping::Node => &row.node,
        UsageGrouping::Model | UsageGrouping::Unspecified => &row.model,
    };
    super::super::render::or_dash(value)
}

fn number_cells(totals: &UsageTotals) -> [String; 6] {
    [
        format_count(totals.jobs),
        format_count(totals.input_tokens),
        format_count(totals.output_tokens),
        format_count(totals.cached_input_tokens),
        format_count(totals.reasoning_tokens),
        format_usd(totals.cost_usd),
    ]
}

/// `claude  daily_usd  $1.62 of $2.00 (81%)  resets 2026-12-04 00:00 UTC`, aligned, with
/// `EXHAUSTED` at the end of an exhausted one.
fn budget_lines(budgets: &[BudgetUse]) -> String {
    let mut table = Table::new(&["BUDGET", "LIMIT", "USE", "RESETS", "STATE"]);
    for budget in budgets {
        table.push_row(vec![
            budget.budget.clone(),
            budget_limit(budget.limit).to_owned(),
            budget_spent_of_cap(budget),
            format!("resets {}", minute(budget.resets_at_ms)),
            if budget.exhausted {
                "EXHAUSTED".to_owned()
            } else {
                String::new()
            },
        ]);
    }
    // Without its header row: each line reads as a sentence.
    table
        .render_within(None)
        .lines()
        .skip(1)
        .map(|line| format!("{line}\n"))
        .collect()
}
