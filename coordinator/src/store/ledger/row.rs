//! A ledger row (what one job that ran used and cost, compactly prost-encoded) and the sums
//! a row adds to its rollup.

use proto::v1::{Job, JobState, UsageTotals};

use crate::store::is_terminal;

/// What one job that ran used and cost. A count the backend did not report stays absent.
#[derive(Clone, PartialEq, prost::Message)]
pub struct LedgerRow {
    #[prost(int64, tag = "1")]
    pub finished_at_ms: i64,
    /// The model as the job asked for it (`spec.model`).
    #[prost(string, tag = "2")]
    pub model: String,
    #[prost(string, tag = "3")]
    pub node: String,
    #[prost(string, tag = "4")]
    pub served_model: String,
    #[prost(uint64, optional, tag = "5")]
    pub input_tokens: Option<u64>,
    #[prost(uint64, optional, tag = "6")]
    pub output_tokens: Option<u64>,
    #[prost(uint64, optional, tag = "7")]
    pub cached_input_tokens: Option<u64>,
    #[prost(uint64, optional, tag = "8")]
    pub reasoning_tokens: Option<u64>,
    #[prost(double, optional, tag = "9")]
    pub cost_usd: Option<f64>,
    #[prost(bool, tag = "10")]
    pub priced: bool,
}

impl LedgerRow {
    /// The row of a job that ended after running on a node; `None` for a job still queued or
    /// running, a rejected one, or one that ended before it started anywhere.
    pub fn of(job: &Job) -> Option<Self> {
        let usage = job.usage.unwrap_or_default();
        let any_count = usage.input_tokens.is_some()
            || usage.output_tokens.is_some()
            || usage.cached_input_tokens.is_some()
            || usage.reasoning_tokens.is_some();
        let ran = is_terminal(job.state)
            && job.state != JobState::Rejected as i32
            && !job.node.is_empty()
            && (job.started_at_ms > 0 || any_count);
        ran.then(|| Self {
            finished_at_ms: job.finished_at_ms,
            model: job
                .spec
                .as_ref()
                .map(|spec| spec.model.clone())
                .unwrap_or_default(),
            node: job.node.clone(),
            served_model: job.served_model.clone(),
            input_tokens: usage.input_tokens,
            output_tokens: usage.output_tokens,
            cached_input_tokens: usage.cached_input_tokens,
            reasoning_tokens: usage.reasoning_tokens,
            cost_usd: job.cost_usd,
            priced: job.priced,
        })
    }
}

/// What one row adds to its rollup: absent counts are not summed as 0 but counted in
/// `jobs_without_usage` (no input or output count) and `jobs_without_cost`.
pub fn totals_of(row: &LedgerRow) -> UsageTotals {
    UsageTotals {
        jobs: 1,
        jobs_without_usage: u64::from(row.input_tokens.is_none() && row.output_tokens.is_none()),
        input_tokens: row.input_tokens.unwrap_or(0),
        output_tokens: row.output_tokens.unwrap_or(0),
        cached_input_tokens: row.cached_input_tokens.unwrap_or(0),
        reasoning_tokens: row.reasoning_tokens.unwrap_or(0),
        cost_usd: row.cost_usd.unwrap_or(0.0),
        unpriced_jobs: u64::from(!row.priced),
        jobs_without_cost: u64::from(row.priced && row.cost_usd.is_none()),
    }
}

pub fn add_totals(sum: &mut UsageTotals, more: &UsageTotals) {
    sum.jobs += more.jobs;
    sum.jobs_without_usage += more.jobs_without_usage;
    sum.input_tokens += more.input_tokens;
    sum.output_tokens += more.output_tokens;
    sum.cached_input_tokens += more.cached_input_tokens;
    sum.reasoning_tokens += more.reasoning_tokens;
    sum.cost_usd += more.cost_usd;
    sum.unpriced_jobs += more.unpriced_jobs;
    sum.jobs_without_cost += more.jobs_without_cost;
}

/// Takes a row's part back out of its rollup (the rollup always holds it, so nothing goes
/// below zero; saturating all the same so a damaged file cannot panic the coordinator).
pub fn subtract_totals(sum: &mut UsageTotals, less: &UsageTotals) {
    sum.jobs = sum.jobs.saturating_sub(less.jobs);
    sum.jobs_without_usage = sum
        .jobs_without_usage
        .saturating_sub(less.jobs_without_usage);
    sum.input_tokens = sum.input_tokens.saturating_sub(less.input_tokens);
    sum.output_tokens = sum.output_tokens.saturating_sub(less.output_tokens);
    sum.cached_input_tokens = sum
        .cached_input_tokens
        .saturating_sub(less.cached_input_tokens);
    sum.reasoning_tokens = sum.reasoning_tokens.saturating_sub(less.reasoning_tokens);
    sum.cost_usd -= less.cost_usd;
    sum.unpriced_jobs = sum.unpriced_jobs.saturating_sub(less.unpriced_jobs);
    sum.jobs_without_cost = sum.jobs_without_cost.saturating_sub(less.jobs_without_cost);
}
