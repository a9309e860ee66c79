//! Tests of the usage page's view: the table and notes, budgets as meters (red when
//! exhausted), the empty range, and the UTC calendar.

use proto::v1::{BudgetLimit, BudgetUse, UsageGrouping, UsageRow};

use super::calendar::days_between;
use super::calendar::utc_day;
use super::*;

/// 2026-12-03 00:00 UTC.
pub const DEC_3: i64 = 1_796_256_000_000;
const DAY_MS: i64 = 86_400_000;

fn totals(jobs: u64, input: u64, output: u64, cost: f64) -> UsageTotals {
    UsageTotals {
        jobs,
        input_tokens: input,
        output_tokens: output,
        cost_usd: cost,
        ..Default::default()
    }
}

pub fn by_model() -> UsageReport {
    UsageReport {
        since_ms: DEC_3 - DAY_MS,
        until_ms: DEC_3 + 3_600_000,
        by: vec![UsageGrouping::Model as i32],
        rows: vec![
            UsageRow {
                model: "claude".into(),
                totals: Some(totals(3, 1_200, 300, 0.0123)),
                ..Default::default()
            },
            UsageRow {
                model: "gemma".into(),
                totals: Some(UsageTotals {
                    unpriced_jobs: 2,
                    jobs_without_usage: 1,
                    ..totals(2, 50, 20, 0.0)
                }),
                ..Default::default()
            },
        ],
        total: Some(UsageTotals {
            unpriced_jobs: 2,
            jobs_without_usage: 1,
            ..totals(5, 1_250, 320, 0.0123)
        }),
        budgets: vec![
            BudgetUse {
                budget: "claude".into(),
                limit: BudgetLimit::DailyUsd as i32,
                cap: 2.0,
                spent: 1.62,
                resets_at_ms: DEC_3 + DAY_MS,
                ..Default::default()
            },
            BudgetUse {
                budget: "all jobs".into(),
                limit: BudgetLimit::MonthlyUsd as i32,
                cap: 10.0,
                spent: 12.0,
                resets_at_ms: DEC_3 + 28 * DAY_MS,
                exhausted: true,
                ..Default::default()
            },
        ],
        ..Default::default()
    }
}

pub fn by_day_model() -> UsageReport {
    let row = |day: &str, model: &str, totals: UsageTotals| UsageRow {
        day: day.into(),
        model: model.into(),
        totals: Some(totals),
        ..Default::default()
    };
    UsageReport {
        rows: vec![
            row("2026-12-02", "claude", totals(1, 400, 100, 0.004)),
            row("2026-12-03", "claude", totals(2, 800, 200, 0.0083)),
            row("2026-12-03", "gemma", totals(2, 50, 20, 0.0)),
        ],
        by: vec![UsageGrouping::Day as i32, UsageGrouping::Model as i32],
        ..by_model()
    }
}

#[test]
fn the_page_has_both_charts_the_table_notes_and_budgets() {
    let html = usage_page_body(30, &by_day_model(), &by_model()).into_string();
    assert!(html.contains(r#"id="usage-chart-tokens""#), "{html}");
    assert!(html.contains(r#"id="usage-chart-cost""#), "{html}");
    assert!(
        html.contains(r#"href="/usage?days=30" aria-current="page""#),
        "{html}"
    );
    assert!(html.contains(r#"href="/usage?days=7""#) && html.contains("/usage?days=90"));
    let table = html.split(r#"id="usage-by-model""#).nth(1).unwrap();
    assert!(
        table.contains(
            r#"<th scope="row">claude</th><td class="num">3</td><td class="num">1,200</td>"#
        ),
        "{table}"
    );
    assert!(table.contains("$0.0123"), "{table}");
    assert!(
        table.contains(r#"<tfoot><tr><th scope="row">Total</th><td class="num">5</td>"#),
        "{table}"
    );
    assert!(html.contains("1 job without usage (the backend reported no token counts)"));
    assert!(html.contains("2 jobs of unpriced models (cost nothing)"));
    assert!(!html.contains("unknown cost"));
    // Tokens of a day stack input + output: 1,000 for claude on the 3rd.
    assert!(
        html.contains("<title>2026-12-03 · claude: 1,000</title>"),
        "{html}"
    );
}

#[test]
fn budgets_are_meters_with_text_and_exhausted_ones_are_marked() {
    let html = usage_page_body(30, &by_day_model(), &by_model()).into_string();
    let budgets = html.split(r#"id="budgets""#).nth(1).unwrap();
    let items: Vec<&str> = budgets.split("<li").skip(1).collect();
    assert_eq!(items.len(), 2);
    assert!(items[0].contains(r#"role="meter""#) && items[0].contains(r#"aria-valuenow="81""#));
    assert!(
        items[0].contains("$1.62 of $2.00 (81%) · resets 2026-12-04 00:00 UTC"),
        "{}",
        items[0]
    );
    assert!(!items[0].contains("EXHAUSTED"));
    assert!(
        items[1].starts_with(r#" class="budget exhausted""#),
        "{}",
        items[1]
    );
    assert!(items[1].contains("EXHAUSTED") && items[1].contains(r#"aria-valuenow="100""#));
    assert!(items[1].contains("$12.00 of $10.00 (120%)"));
}

#[test]
fn an_empty_range_says_so_and_still_shows_budgets() {
    let empty = UsageReport {
        rows: Vec::new(),
        total: Some(UsageTotals::default()),
        ..by_model()
    };
    let html = usage_page_body(7, &empty, &empty).into_string();
    assert!(
        html.to_lowercase().contains("no jobs in this range"),
        "{html}"
    );
    assert!(!html.contains("usage-chart-tokens") && !html.contains("usage-by-model"));
    assert!(html.contains(r#"id="budgets""#));
}

#[test]
fn the_calendar_counts_utc_days() {
    assert_eq!(utc_day(DEC_3), "2026-12-03");
    assert_eq!(utc_day(0), "1970-01-01");
    assert_eq!(utc_day(951_782_400_000), "2000-02-29");
    assert_eq!(
        utc_minute(DEC_3 + 14 * 3_600_000 + 5 * 60_000),
        "2026-12-03 14:05 UTC"
    );
    assert_eq!(
        days_between(DEC_3 - DAY_MS, DEC_3 + 1),
        ["2026-12-02", "2026-12-03"]
    );
    assert_eq!(days_between(DEC_3 - DAY_MS, DEC_3), ["2026-12-02"]);
    assert_eq!(first_day_of_last(7, DEC_3 + 5), "2026-11-27");
    assert_eq!(first_day_of_last(1, DEC_3 + 5), "2026-12-03");
}
