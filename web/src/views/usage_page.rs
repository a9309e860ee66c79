//! The usage page: a range picker, charts of tokens and cost per day per model, a table by
//! model with notes for what is not a number, and every budget's use as a meter.

mod budgets;
mod calendar;

use std::collections::BTreeSet;

use client::usage::{format_count, format_usd, notes};
use maud::{Markup, html};
use proto::v1::{UsageReport, UsageTotals};

use super::usage_chart::{Series, stacked_chart};
pub use calendar::{first_day_of_last, utc_minute};

/// The ranges the picker offers, in days (today included).
pub const RANGES: [u32; 3] = [7, 30, 90];

/// `by_day_model` feeds the charts, `by_model` the table; budgets come from `by_model`.
pub fn usage_page_body(days: u32, by_day_model: &UsageReport, by_model: &UsageReport) -> Markup {
    let total = by_model.total.unwrap_or_default();
    html! {
        h1 { "Usage" }
        nav.range-picker aria-label="Range" {
            @for range in RANGES {
                a href={ "/usage?days=" (range) } aria-current=[(range == days).then_some("page")] {
                    "Last " (range) " days"
                }
            }
        }
        p.summary {
            (utc_minute(by_model.since_ms)) " – " (utc_minute(by_model.until_ms))
        }
        @if total.jobs == 0 && by_model.rows.is_empty() {
            p.empty #usage-empty { "No jobs in this range." }
        } @else {
            (charts(by_day_model))
            h2 { "By model" }
            (model_table(by_model, &total))
        }
        (budgets::budgets(&by_model.budgets))
    }
}

fn charts(report: &UsageReport) -> Markup {
    let days = calendar::days_between(report.since_ms, report.until_ms);
    let models: BTreeSet<&str> = report.rows.iter().map(|row| row.model.as_str()).collect();
    let series = |read: fn(&UsageTotals) -> f64| -> Vec<Series> {
        models
            .iter()
            .map(|model| Series {
                name: (*model).to_owned(),
                values: days
                    .iter()
                    .map(|day| {
                        report
                            .rows
                            .iter()
                            .filter(|row| row.model == *model && row.day == *day)
                            .map(|row| read(&row.totals.unwrap_or_default()))
                            .sum()
                    })
                    .collect(),
            })
            .collect()
    };
    let tokens = series(|totals| (totals.input_tokens + totals.output_tokens) as f64);
    let cost = series(|totals| totals.cost_usd);
    html! {
        div.usage-charts {
            (stacked_chart("usage-chart-tokens", "Tokens per day (input + output)", &days, &tokens, tokens_label))
            (stacked_chart("usage-chart-cost", "Cost per day (USD)", &days, &cost, format_usd))
        }
    }
}

fn tokens_label(amount: f64) -> String {
    format_count(amount.max(0.0).round() as u64)
}

fn model_table(report: &UsageReport, total: &UsageTotals) -> Markup {
    html! {
        div.table-scroll {
            table #usage-by-model {
                thead { tr {
                    th scope="col" { "Model" } th scope="col" { "Jobs" } th scope="col" { "Input" }
                    th scope="col" { "Output" } th scope="col" { "Cached" }
                    th scope="col" { "Reasoning" } th scope="col" { "Cost" }
                } }
                tbody {
                    @for row in &report.rows {
                        tr { th scope="row" { (row.model) } (number_cells(&row.totals.unwrap_or_default())) }
                    }
                }
                tfoot { tr { th scope="row" { "Total" } (number_cells(total)) } }
            }
        }
        @for note in notes(total) { p.usage-note { (note) } }
    }
}

fn number_cells(totals: &UsageTotals) -> Markup {
    html! {
        td.num { (format_count(totals.jobs)) }
        td.num { (format_count(totals.input_tokens)) }
        td.num { (format_count(totals.output_tokens)) }
        td.num { (format_count(totals.cached_input_tokens)) }
        td.num { (format_count(totals.reasoning_tokens)) }
        td.num { (format_usd(totals.cost_usd)) }
    }
}

#[cfg(test)]
pub mod tests;
#[cfg(test)]
pub use tests as tests_fixtures;
