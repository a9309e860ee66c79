//! A spent budget limit as routing sees it: which model and node it covers, and the reason
//! a rejected job is given, naming the budget, what was spent and when it resets.

use proto::v1::BudgetLimit;

use crate::cluster::names_model;

/// One budget limit whose spending reached its cap: the jobs it covers are ineligible until
/// `resets_at_ms`.
#[derive(Debug, Clone, PartialEq)]
pub struct Exhaustion {
    pub budget: String,
    /// `None`: every model.
    pub model: Option<String>,
    /// `None`: every node.
    pub node: Option<String>,
    pub limit: BudgetLimit,
    pub cap: f64,
    pub spent: f64,
    pub resets_at_ms: i64,
}

impl Exhaustion {
    /// Whether a job for `model` on `node` is covered (models match the way a node's list
    /// names them; nodes exactly).
    pub fn covers(&self, model: &str, node: &str) -> bool {
        self.model
            .as_deref()
            .is_none_or(|capped| names_model(capped, model))
            && self.node.as_deref().is_none_or(|capped| capped == node)
    }

    /// Still in force at `now_ms` (its period has not reset).
    pub fn in_force(&self, now_ms: i64) -> bool {
        now_ms < self.resets_at_ms
    }

    /// `budget "claude" daily_usd spent: $2.0134 of $2.00 today; resets 2026-12-04 00:00 UTC
    /// (in 10h 59m)`.
    pub fn describe(&self, now_ms: i64) -> String {
        let (key, spent, when) = match self.limit {
            BudgetLimit::MonthlyUsd => (
                "monthly_usd",
                format!("${:.4} of ${:.2}", self.spent, self.cap),
                "this month",
            ),
            BudgetLimit::DailyTokens => (
                "daily_tokens",
                format!("{} of {} tokens", self.spent as u64, self.cap as u64),
                "today",
            ),
            BudgetLimit::DailyUsd | BudgetLimit::Unspecified => (
                "daily_usd",
                format!("${:.4} of ${:.2}", self.spent, self.cap),
                "today",
            ),
        };
        let resets = crate::clock::utc(self.resets_at_ms)
            .map(|at| at.format("%Y-%m-%d %H:%M UTC").to_string())
            .unwrap_or_else(|| crate::clock::format_rfc3339(self.resets_at_ms));
        format!(
            "budget \"{}\" {key} spent: {spent} {when}; resets {resets} (in {})",
            self.budget,
            in_words(self.resets_at_ms.saturating_sub(now_ms))
        )
    }
}

/// `10h 59m`, `3d 4h`, `42m`, `under a minute`.
fn in_words(millis: i64) -> String {
    let minutes = millis.max(0) / 60_000;
    let (days, hours, minutes) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    match (days, hours, minutes) {
        (0, 0, 0) => "under a minute".to_owned(),
        (0, 0, minutes) => format!("{minutes}m"),
        (0, hours, minutes) => format!("{hours}h {minutes}m"),
        (days, hours, _) => format!("{days}d {hours}h"),
    }
}
