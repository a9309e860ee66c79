//! Cost arithmetic, UTC periods, budget spending and exhaustion, the reason text, and the
//! state restored from ledger rows.

use proto::v1::{BudgetLimit, TokenUsage, UsageRow, UsageTotals};

use super::{Budgets, Period, Prices, job_cost, period_bounds};
use crate::config::{BudgetConfig, PriceConfig};

/// 2026-12-03 13:01:00 UTC.
const NOW: i64 = 1_796_302_860_000;
const DEC_3: i64 = 1_796_256_000_000;
const DEC_4: i64 = DEC_3 + 86_400_000;
const DEC_1: i64 = DEC_3 - 2 * 86_400_000;
const JAN_1: i64 = DEC_1 + 31 * 86_400_000;

fn sonnet() -> PriceConfig {
    PriceConfig {
        model: "claude-sonnet-4-6".into(),
        input_per_mtok: 3.0,
        output_per_mtok: 15.0,
        cached_input_per_mtok: 0.3,
    }
}

fn usage(input: Option<u64>, output: Option<u64>, cached: Option<u64>) -> TokenUsage {
    TokenUsage {
        input_tokens: input,
        output_tokens: output,
        cached_input_tokens: cached,
        reasoning_tokens: None,
    }
}

fn budget(name: &str, model: Option<&str>, node: Option<&str>) -> BudgetConfig {
    BudgetConfig {
        name: name.into(),
        model: model.map(Into::into),
        node: node.map(Into::into),
        daily_usd: None,
        monthly_usd: None,
        daily_tokens: None,
    }
}

#[test]
fn cost_charges_cached_input_at_its_own_price() {
    let price = sonnet();
    let cost = job_cost(
        Some(&price),
        Some(&usage(Some(1_000), Some(200), Some(400))),
        false,
    );
    assert!(cost.priced);
    // 600 uncached × 3 + 400 cached × 0.3 + 200 × 15, per million.
    let expected = (600.0 * 3.0 + 400.0 * 0.3 + 200.0 * 15.0) / 1e6;
    assert!((cost.usd.unwrap() - expected).abs() < 1e-12, "{cost:?}");
    let uncached = job_cost(
        Some(&price),
        Some(&usage(Some(1_000), Some(200), None)),
        false,
    );
    assert!((uncached.usd.unwrap() - (1_000.0 * 3.0 + 200.0 * 15.0) / 1e6).abs() < 1e-12);
}

#[test]
fn an_absent_count_leaves_the_cost_unknown_never_zero() {
    let price = sonnet();
    for missing in [
        Some(usage(None, Some(5), None)),
        Some(usage(Some(5), None, None)),
        None,
    ] {
        let cost = job_cost(Some(&price), missing.as_ref(), false);
        assert_eq!((cost.priced, cost.usd), (true, None), "{missing:?}");
    }
    let embedding = job_cost(
        Some(&price),
        Some(&usage(Some(1_000_000), None, None)),
        true,
    );
    assert_eq!(embedding.usd, Some(3.0));
}

#[test]
fn an_unpriced_model_costs_nothing_and_says_so() {
    let prices = Prices::new(&[sonnet()]);
    assert!(prices.of("gemma4:27b").is_none());
    let cost = job_cost(
        prices.of("gemma4:27b"),
        Some(&usage(Some(9), Some(9), None)),
        false,
    );
    assert_eq!((cost.priced, cost.usd), (false, Some(0.0)));
    assert!(prices.of("claude-sonnet-4-6").is_some());
}

#[test]
fn days_start_at_utc_midnight_and_months_on_the_first() {
    assert_eq!(period_bounds(Period::Day, NOW), (DEC_3, DEC_4));
    assert_eq!(period_bounds(Period::Day, DEC_4 - 1), (DEC_3, DEC_4));
    assert_eq!(
        period_bounds(Period::Day, DEC_4),
        (DEC_4, DEC_4 + 86_400_000)
    );
    assert_eq!(period_bounds(Period::Month, NOW), (DEC_1, JAN_1));
    assert_eq!(period_bounds(Period::Month, JAN_1 - 1), (DEC_1, JAN_1));
    let (start, _) = period_bounds(Period::Month, JAN_1);
    assert_eq!(start, JAN_1);
}

#[test]
fn spending_rolls_over_at_midnight_and_on_the_first() {
    let mut config = budget("claude", Some("claude-sonnet-4-6"), None);
    config.daily_usd = Some(2.0);
    config.monthly_usd = Some(30.0);
    let mut budgets = Budgets::new(&[config], NOW);
    assert!(budgets.record("claude-sonnet-4-6", "anthropic", Some(2.5), 10, NOW));
    let spent: Vec<(i32, f64, bool)> = budgets
        .uses(NOW)
        .iter()
        .map(|limit| (limit.limit, limit.spent, limit.exhausted))
        .collect();
    assert_eq!(
        spent,
        [
            (BudgetLimit::DailyUsd as i32, 2.5, true),
            (BudgetLimit::MonthlyUsd as i32, 2.5, false)
        ]
    );
    // Midnight: the day starts again, the month keeps counting.
    let tomorrow = budgets.uses(DEC_4);
    assert_eq!(
        (tomorrow[0].spent, tomorrow[0].period_start_ms),
        (0.0, DEC_4)
    );
    assert_eq!(tomorrow[1].spent, 2.5);
    assert!(budgets.exhausted(DEC_4).is_empty());
    budgets.record("claude-sonnet-4-6", "anthropic", Some(1.0), 10, DEC_4 + 5);
    let uses = budgets.uses(DEC_4 + 5);
    assert_eq!((uses[0].spent, uses[1].spent), (1.0, 3.5));
    // The first of the month: both start again.
    let january = budgets.uses(JAN_1);
    assert_eq!((january[0].spent, january[1].spent), (0.0, 0.0));
    assert_eq!(january[1].period_start_ms, JAN_1);
}

#[test]
fn a_limit_counts_only_the_model_and_node_it_covers() {
    let mut on_anthropic = budget("anthropic", None, Some("anthropic"));
    on_anthropic.daily_tokens = Some(100);
    let mut gemma = budget("gemma", Some("gemma4"), None);
    gemma.daily_usd = Some(1.0);
    let mut budgets = Budgets::new(&[on_anthropic, gemma], NOW);
    assert!(!budgets.record("llama3:8b", "davas", Some(5.0), 500, NOW));
    budgets.record("gemma4:latest", "davas", Some(1.0), 500, NOW);
    budgets.record("claude-sonnet-4-6", "anthropic", None, 60, NOW);
    let exhausted = budgets.exhausted(NOW);
    assert_eq!(exhausted.len(), 1);
    assert_eq!(exhausted[0].budget, "gemma");
    assert!(exhausted[0].covers("gemma4:latest", "homelab"));
    assert!(!exhausted[0].covers("gemma4:27b", "davas"));
    budgets.record("claude-sonnet-4-6", "anthropic", None, 40, NOW);
    let tokens = &budgets.exhausted(NOW)[0];
    assert_eq!((tokens.budget.as_str(), tokens.spent), ("anthropic", 100.0));
    assert!(tokens.covers("anything:1b", "anthropic") && !tokens.covers("anything:1b", "davas"));
}

#[test]
fn the_reason_names_the_budget_the_spending_and_the_reset() {
    let mut config = budget("claude", Some("claude-sonnet-4-6"), None);
    config.daily_usd = Some(2.0);
    let mut budgets = Budgets::new(&[config], NOW);
    budgets.record("claude-sonnet-4-6", "anthropic", Some(2.0134), 0, NOW);
    let reason = budgets.exhausted(NOW)[0].describe(NOW);
    assert_eq!(
        reason,
        "budget \"claude\" daily_usd spent: $2.0134 of $2.00 today; resets 2026-12-04 00:00 UTC (in 10h 59m)"
    );
}

fn row(day: &str, model: &str, node: &str, cost: f64, tokens: u64) -> UsageRow {
    UsageRow {
        day: day.into(),
        model: model.into(),
        node: node.into(),
        totals: Some(UsageTotals {
            jobs: 1,
            input_tokens: tokens,
            output_tokens: tokens,
            cost_usd: cost,
            ..Default::default()
        }),
    }
}

#[test]
fn restore_counts_todays_rows_for_a_day_and_this_months_for_a_month() {
    let mut claude = budget("claude", Some("claude-sonnet-4-6"), Some("anthropic"));
    claude.daily_usd = Some(2.0);
    claude.monthly_usd = Some(30.0);
    claude.daily_tokens = Some(1_000);
    let rows = [
        row("2026-12-03", "claude-sonnet-4-6", "anthropic", 1.25, 100),
        row("2026-12-01", "claude-sonnet-4-6", "anthropic", 4.0, 300),
        row("2026-11-30", "claude-sonnet-4-6", "anthropic", 50.0, 5),
        row("2026-12-03", "gemma4:27b", "anthropic", 9.0, 9),
        row("2026-12-03", "claude-sonnet-4-6", "elsewhere", 9.0, 9),
    ];
    let budgets = Budgets::restore(&[claude], &rows, NOW);
    let spent: Vec<f64> = budgets.uses(NOW).iter().map(|limit| limit.spent).collect();
    assert_eq!(spent, [1.25, 5.25, 200.0]);
    assert!(budgets.exhausted(NOW).is_empty());
}
