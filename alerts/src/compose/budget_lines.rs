//! The words of the budget alerts: which budget and limit, spent of cap, when it resets, and for
//! an exhausted one that new jobs for its model are being rejected (never sent to another model).

use proto::v1::{BudgetLimit, BudgetUse};

use crate::alert::{Alert, AlertField, AlertKind, Severity};
use crate::time_text::format_rfc3339;

/// The limit in the operator's words.
fn limit_words(limit: BudgetLimit) -> &'static str {
    match limit {
        BudgetLimit::DailyUsd => "daily USD",
        BudgetLimit::MonthlyUsd => "monthly USD",
        BudgetLimit::DailyTokens => "daily tokens",
        BudgetLimit::Unspecified => "unspecified",
    }
}

/// `$4.12` for dollars, `812,345 tokens` for a token limit.
fn amount(limit: BudgetLimit, value: f64) -> String {
    if limit == BudgetLimit::DailyTokens {
        let whole = value.max(0.0).round() as u64;
        let digits = whole.to_string();
        let mut grouped = String::new();
        for (position, digit) in digits.chars().enumerate() {
            if position > 0 && (digits.len() - position).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        format!("{grouped} tokens")
    } else {
        format!("${value:.2}")
    }
}

/// What the budget covers: "model X on node Y", "model X", "node Y" or "all jobs".
fn scope(budget: &BudgetUse) -> String {
    match (budget.model.as_str(), budget.node.as_str()) {
        ("", "") => "all jobs".to_owned(),
        (model, "") => format!("model {model}"),
        ("", node) => format!("node {node}"),
        (model, node) => format!("model {model} on node {node}"),
    }
}

/// The alert for a budget limit at 80 % (`exhausted` false) or spent (`exhausted` true).
pub fn budget_alert(budget: &BudgetUse, exhausted: bool, at_ms: i64) -> Alert {
    let limit = BudgetLimit::try_from(budget.limit).unwrap_or(BudgetLimit::Unspecified);
    let name = &budget.budget;
    let spent_of_cap = format!(
        "{} of {}",
        amount(limit, budget.spent),
        amount(limit, budget.cap)
    );
    let percent = budget.spent * 100.0 / budget.cap.max(f64::MIN_POSITIVE);
    let resets = format_rfc3339(budget.resets_at_ms);
    let (kind, severity, title, consequence) = if exhausted {
        let jobs = match budget.model.as_str() {
            "" => "New jobs it covers".to_owned(),
            model => format!("New jobs for {model}"),
        };
        (
            AlertKind::BudgetExhausted,
            Severity::Critical,
            format!("Budget {name} exhausted"),
            format!("{jobs} are being rejected until it resets (never sent to another model)."),
        )
    } else {
        (
            AlertKind::BudgetNearlySpent,
            Severity::Warning,
            format!("Budget {name} at {percent:.0} %"),
            "Jobs still run; at the cap they will be rejected until it resets.".to_owned(),
        )
    };
    Alert {
        kind,
        severity,
        node: Some(budget.node.clone()).filter(|node| !node.is_empty()),
        title,
        description: format!(
            "The {} limit of budget **{name}** ({}) has {spent_of_cap} spent; it resets at \
             {resets}. {consequence}",
            limit_words(limit),
            scope(budget)
        ),
        fields: vec![
            AlertField::inline("Limit", limit_words(limit)),
            AlertField::inline("Spent", spent_of_cap),
            AlertField::inline("Resets at", resets),
        ],
        occurred_at_ms: at_ms,
    }
}
