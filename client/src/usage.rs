//! The words and numbers every surface shows for usage, prices and budgets: the groupings
//! (`day`, `model`, `node`), the budget limits (`daily_usd`, …), dollars at a sensible
//! precision, a budget's spent-of-cap share, and one job's usage and cost in words; so
//! `runner usage`, `runner job`, the web pages and MCP agree.

#[cfg(test)]
mod tests;

use proto::v1::{BudgetLimit, BudgetUse, Job, UsageGrouping, UsageTotals};

use crate::words::UNKNOWN;

/// `model`, `node`, `day`: the grouping without its prefix, lowercase.
pub fn grouping(value: i32) -> &'static str {
    match UsageGrouping::try_from(value) {
        Ok(UsageGrouping::Model) => "model",
        Ok(UsageGrouping::Node) => "node",
        Ok(UsageGrouping::Day) => "day",
        Ok(UsageGrouping::Unspecified) | Err(_) => UNKNOWN,
    }
}

/// The grouping a word names (`model`, `node`, `day`, any case), `None` for anything else.
pub fn parse_grouping(word: &str) -> Option<UsageGrouping> {
    match word.trim().to_ascii_lowercase().as_str() {
        "model" => Some(UsageGrouping::Model),
        "node" => Some(UsageGrouping::Node),
        "day" => Some(UsageGrouping::Day),
        _ => None,
    }
}

/// `daily_usd`, `monthly_usd`, `daily_tokens`: the limit as it is spelled in `[[budgets]]`.
pub fn budget_limit(value: i32) -> &'static str {
    match BudgetLimit::try_from(value) {
        Ok(BudgetLimit::DailyUsd) => "daily_usd",
        Ok(BudgetLimit::MonthlyUsd) => "monthly_usd",
        Ok(BudgetLimit::DailyTokens) => "daily_tokens",
        Ok(BudgetLimit::Unspecified) | Err(_) => UNKNOWN,
    }
}

/// Dollars: 4 decimals under $1 (`$0.0123`), 2 from $1 on (`$1.62`), `$0.00` for nothing.
pub fn format_usd(usd: f64) -> String {
    if usd == 0.0 {
        "$0.00".to_owned()
    } else if usd.abs() < 1.0 {
        format!("${usd:.4}")
    } else {
        format!("${usd:.2}")
    }
}

/// A whole count with thousands separators: `1,234,567`.
pub fn format_count(count: u64) -> String {
    let digits = count.to_string();
    let mut text = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            text.push(',');
        }
        text.push(digit);
    }
    text
}

/// A budget's amount in its unit: dollars, or `12,345 tokens` for a token budget.
pub fn budget_amount(budget: &BudgetUse, amount: f64) -> String {
    if budget.limit == BudgetLimit::DailyTokens as i32 {
        format!("{} tokens", format_count(amount.max(0.0).round() as u64))
    } else {
        format_usd(amount)
    }
}

/// How much of its cap a budget has spent, in whole percent (rounded down, so 100 means the
/// cap was reached); a cap of 0 or less counts as used up.
pub fn budget_percent(budget: &BudgetUse) -> u64 {
    if budget.cap <= 0.0 {
        return 100;
    }
    (budget.spent / budget.cap * 100.0).max(0.0).floor() as u64
}

/// `$1.62 of $2.00 (81%)`.
pub fn budget_spent_of_cap(budget: &BudgetUse) -> String {
    format!(
        "{} of {} ({}%)",
        budget_amount(budget, budget.spent),
        budget_amount(budget, budget.cap),
        budget_percent(budget)
    )
}

/// `input 16, cached 4, output 38, reasoning 21`, each count the backend left out as
/// `not reported`; empty for a job that never ran and has no usage.
pub fn job_usage(job: &Job) -> String {
    let Some(usage) = &job.usage else {
        return if job.attempt > 0 {
            "not reported".to_owned()
        } else {
            String::new()
        };
    };
    let counts = [
        ("input", usage.input_tokens),
        ("cached", usage.cached_input_tokens),
        ("output", usage.output_tokens),
        ("reasoning", usage.reasoning_tokens),
    ];
    if counts.iter().all(|(_, count)| count.is_none()) {
        return "not reported".to_owned();
    }
    counts
        .iter()
        .map(|(name, count)| match count {
            Some(count) => format!("{name} {}", format_count(*count)),
            None => format!("{name} not reported"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `$0.0123`; `no price` for a model without one; `unknown (no usage reported)` when the
/// model is priced but a count it is priced on is missing; empty for a job that never ran.
pub fn job_cost(job: &Job) -> String {
    match job.cost_usd {
        Some(cost) if job.priced => format_usd(cost),
        _ if job.attempt == 0 && job.cost_usd.is_none() => String::new(),
        _ if !job.priced => "no price".to_owned(),
        _ => "unknown (no usage reported)".to_owned(),
    }
}

/// What the sums leave out, in words: `3 jobs without usage (the backend reported no token
/// counts)`, `2 priced jobs with unknown cost`, `5 jobs of unpriced models (cost nothing)`.
pub fn notes(total: &UsageTotals) -> Vec<String> {
    let jobs = |count: u64, what: &str| {
        let noun = if count == 1 { "job" } else { "jobs" };
        format!("{} {what}{noun}", format_count(count))
    };
    let mut notes = Vec::new();
    if total.jobs_without_usage > 0 {
        notes.push(format!(
            "{} without usage (the backend reported no token counts)",
            jobs(total.jobs_without_usage, "")
        ));
    }
    if total.jobs_without_cost > 0 {
        notes.push(format!(
            "{} with unknown cost",
            jobs(total.jobs_without_cost, "priced ")
        ));
    }
    if total.unpriced_jobs > 0 {
        notes.push(format!(
            "{} of unpriced models (cost nothing)",
            jobs(total.unpriced_jobs, "")
        ));
    }
    notes
}
