//! The `get_usage` tool's answer: the coordinator's usage report (totals over a range, split
//! by day, model or node, and every budget's use) as plain JSON with lowercase words, plus the
//! notes a reader needs for the numbers that are not numbers.

use client::usage::{budget_limit, grouping, notes};
use proto::v1::{BudgetUse, UsageReport, UsageRow, UsageTotals};
use schemars::JsonSchema;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct UsageReportView {
    /// The range counted, [since_ms, until_ms), in Unix milliseconds.
    pub since_ms: i64,
    pub until_ms: i64,
    /// The IANA zone days are counted in.
    pub time_zone: String,
    /// How rows are split, in order: `day`, `model`, `node`.
    pub by: Vec<String>,
    /// Ordered by day, then model, then node.
    pub rows: Vec<UsageRowView>,
    pub total: UsageTotalsView,
    /// What the sums leave out, in words (jobs without token counts, of unknown cost, of
    /// models without a price).
    pub notes: Vec<String>,
    /// Every configured budget's use in its current period (not limited to the range).
    pub budgets: Vec<BudgetView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct UsageRowView {
    /// `2026-12-02`; absent unless split by day.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub day: String,
    /// Absent unless split by model.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub model: String,
    /// Absent unless split by node.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub node: String,
    pub totals: UsageTotalsView,
}

/// Sums over the jobs that ran; a count a backend did not report is not summed as 0 but
/// counted in `jobs_without_usage` (and `jobs_without_cost` for a priced model).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
pub struct UsageTotalsView {
    pub jobs: u64,
    pub jobs_without_usage: u64,
    pub input_tokens: u64,
    pub output_tokens: u64,
    /// Input tokens read from the provider's cache (included in input_tokens).
    pub cached_input_tokens: u64,
    /// Thinking tokens (included in output_tokens).
    pub reasoning_tokens: u64,
    /// USD, each job at the prices in force when it ended.
    pub cost_usd: f64,
    /// Jobs of models without a price: they cost nothing.
    pub unpriced_jobs: u64,
    /// Jobs of priced models whose cost is unknown.
    pub jobs_without_cost: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct BudgetView {
    /// The budget's name, else its model or node ("all jobs" for neither).
    pub budget: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub model: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub node: String,
    /// `daily_usd`, `monthly_usd` or `daily_tokens`.
    pub limit: String,
    /// USD, or tokens (input + output) for `daily_tokens`.
    pub cap: f64,
    pub spent: f64,
    /// Unix milliseconds: when the current period began and when it resets.
    pub period_start_ms: i64,
    pub resets_at_ms: i64,
    /// The cap is reached: new jobs it covers are rejected until `resets_at_ms`.
    pub exhausted: bool,
}

impl From<&UsageTotals> for UsageTotalsView {
    fn from(totals: &UsageTotals) -> Self {
        Self {
            jobs: totals.jobs,
            jobs_without_usage: totals.jobs_without_usage,
            input_tokens: totals.input_tokens,
            output_tokens: totals.output_tokens,
            cached_input_tokens: totals.cached_input_tokens,
            reasoning_tokens: totals.reasoning_tokens,
            cost_usd: totals.cost_usd,
            unpriced_jobs: totals.unpriced_jobs,
            jobs_without_cost: totals.jobs_without_cost,
        }
    }
}

impl From<&UsageRow> for UsageRowView {
    fn from(row: &UsageRow) -> Self {
        Self {
            day: row.day.clone(),
            model: row.model.clone(),
            node: row.node.clone(),
            totals: UsageTotalsView::from(&row.totals.unwrap_or_default()),
        }
    }
}

impl From<&BudgetUse> for BudgetView {
    fn from(budget: &BudgetUse) -> Self {
        Self {
            budget: budget.budget.clone(),
            model: budget.model.clone(),
            node: budget.node.clone(),
            limit: budget_limit(budget.limit).to_owned(),
            cap: budget.cap,
            spent: budget.spent,
            period_start_ms: budget.period_start_ms,
            resets_at_ms: budget.resets_at_ms,
            exhausted: budget.exhausted,
        }
    }
}

impl From<&UsageReport> for UsageReportView {
    fn from(report: &UsageReport) -> Self {
        let total = report.total.unwrap_or_default();
        Self {
            since_ms: report.since_ms,
            until_ms: report.until_ms,
            time_zone: report.time_zone.clone(),
            by: report
                .by
                .iter()
                .map(|&by| grouping(by).to_owned())
                .collect(),
            rows: report.rows.iter().map(UsageRowView::from).collect(),
            total: UsageTotalsView::from(&total),
            notes: notes(&total),
            budgets: report.budgets.iter().map(BudgetView::from).collect(),
        }
    }
}
