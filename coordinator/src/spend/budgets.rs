//! Each `[[budgets]]` limit's spending in its current period (a UTC day or month), rolled over
//! lazily when a new period has begun, and which limits are spent.
//!
//! A job is counted when it ends, so the check is made when a job is routed, against what has
//! ended before it: jobs already running when a cap is reached still finish and are counted.
//! Overshoot is bounded by those jobs (at most every covered node's slots' worth).

use chrono::NaiveDate;
use proto::v1::{BudgetLimit, BudgetUse, UsageRow};

use super::exhaustion::Exhaustion;
use super::period::{Period, period_bounds};
use crate::cluster::names_model;
use crate::config::BudgetConfig;

/// Every budget limit's state.
#[derive(Debug, Clone, Default)]
pub struct Budgets {
    limits: Vec<LimitState>,
}

#[derive(Debug, Clone)]
struct LimitState {
    budget: String,
    model: Option<String>,
    node: Option<String>,
    limit: BudgetLimit,
    cap: f64,
    spent: f64,
    period_start_ms: i64,
    resets_at_ms: i64,
}

impl Budgets {
    /// Every limit of `config`, nothing spent yet, in the periods containing `now_ms`.
    pub fn new(config: &[BudgetConfig], now_ms: i64) -> Self {
        let mut limits = Vec::new();
        for budget in config {
            let caps = [
                (BudgetLimit::DailyUsd, budget.daily_usd),
                (BudgetLimit::MonthlyUsd, budget.monthly_usd),
                (
                    BudgetLimit::DailyTokens,
                    budget.daily_tokens.map(|tokens| tokens as f64),
                ),
            ];
            for (limit, cap) in caps {
                let Some(cap) = cap else { continue };
                let (period_start_ms, resets_at_ms) = period_bounds(period_of(limit), now_ms);
                limits.push(LimitState {
                    budget: budget.name.clone(),
                    model: budget.model.clone(),
                    node: budget.node.clone(),
                    limit,
                    cap,
                    spent: 0.0,
                    period_start_ms,
                    resets_at_ms,
                });
            }
        }
        Self { limits }
    }

    /// The state after a restart, from the usage ledger: `rows` grouped by day (UTC,
    /// `"2026-12-03"`), model and node, covering at least the current month. A row counts
    /// toward a monthly limit when its day is in this month and toward a daily one when it is
    /// today; a row without a day counts toward monthly limits only.
    pub fn restore(config: &[BudgetConfig], rows: &[UsageRow], now_ms: i64) -> Self {
        let mut budgets = Self::new(config, now_ms);
        for row in rows {
            let Some(totals) = row.totals.as_ref() else {
                continue;
            };
            let day_ms = NaiveDate::parse_from_str(&row.day, "%Y-%m-%d")
                .ok()
                .map(|day| period_bounds(Period::Day, day_start_ms(day)).0);
            let tokens = totals.input_tokens.saturating_add(totals.output_tokens);
            for state in &mut budgets.limits {
                if !state.covers(&row.model, &row.node) {
                    continue;
                }
                let counts = match (period_of(state.limit), day_ms) {
                    (Period::Day, Some(day)) => day == state.period_start_ms,
                    (Period::Day, None) => false,
                    (Period::Month, Some(day)) => {
                        (state.period_start_ms..state.resets_at_ms).contains(&day)
                    }
                    (Period::Month, None) => true,
                };
                if counts {
                    state.spent += state.amount(Some(totals.cost_usd), tokens);
                }
            }
        }
        budgets
    }

    /// Counts a job that ended at `now_ms` for `model` on `node`: its cost (when known) and
    /// its input plus output tokens, toward every limit covering it. True when some limit
    /// changed (the cluster view moves).
    pub fn record(
        &mut self,
        model: &str,
        node: &str,
        cost_usd: Option<f64>,
        tokens: u64,
        now_ms: i64,
    ) -> bool {
        let mut changed = false;
        for state in &mut self.limits {
            state.roll_over(now_ms);
            if state.covers(model, node) {
                let amount = state.amount(cost_usd, tokens);
                if amount > 0.0 {
                    state.spent += amount;
                    changed = true;
                }
            }
        }
        changed
    }

    /// Every limit's use at `now_ms` (a period that has ended shows the new one, unspent).
    pub fn uses(&self, now_ms: i64) -> Vec<BudgetUse> {
        self.limits
            .iter()
            .map(|state| {
                let state = state.current(now_ms);
                BudgetUse {
                    budget: state.budget.clone(),
                    model: state.model.clone().unwrap_or_default(),
                    node: state.node.clone().unwrap_or_default(),
                    limit: state.limit as i32,
                    cap: state.cap,
                    spent: state.spent,
                    period_start_ms: state.period_start_ms,
                    resets_at_ms: state.resets_at_ms,
                    exhausted: state.exhausted(),
                }
            })
            .collect()
    }

    /// The limits spent at `now_ms`.
    pub fn exhausted(&self, now_ms: i64) -> Vec<Exhaustion> {
        self.limits
            .iter()
            .map(|state| state.current(now_ms))
            .filter(LimitState::exhausted)
            .map(|state| Exhaustion {
                budget: state.budget,
                model: state.model,
                node: state.node,
                limit: state.limit,
                cap: state.cap,
                spent: state.spent,
                resets_at_ms: state.resets_at_ms,
            })
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.limits.is_empty()
    }
}

impl LimitState {
    fn covers(&self, model: &str, node: &str) -> bool {
        self.model
            .as_deref()
            .is_none_or(|capped| names_model(capped, model))
            && self.node.as_deref().is_none_or(|capped| capped == node)
    }

    /// What a job adds to this limit: USD for a USD limit (an unknown cost adds nothing),
    /// tokens for a token limit.
    fn amount(&self, cost_usd: Option<f64>, tokens: u64) -> f64 {
        match self.limit {
            BudgetLimit::DailyTokens => tokens as f64,
            _ => cost_usd.unwrap_or(0.0),
        }
    }

    fn exhausted(&self) -> bool {
        self.spent >= self.cap
    }

    /// Starts the period containing `now_ms` when the current one has ended.
    fn roll_over(&mut self, now_ms: i64) {
        if now_ms >= self.resets_at_ms {
            *self = self.current(now_ms);
        }
    }

    /// This limit as it stands at `now_ms`.
    fn current(&self, now_ms: i64) -> Self {
        let mut state = self.clone();
        if now_ms >= self.resets_at_ms {
            let (start, next) = period_bounds(period_of(self.limit), now_ms);
            state.period_start_ms = start;
            state.resets_at_ms = next;
            state.spent = 0.0;
        }
        state
    }
}

fn period_of(limit: BudgetLimit) -> Period {
    match limit {
        BudgetLimit::MonthlyUsd => Period::Month,
        _ => Period::Day,
    }
}

fn day_start_ms(day: NaiveDate) -> i64 {
    day.and_time(chrono::NaiveTime::MIN)
        .and_utc()
        .timestamp_millis()
}
