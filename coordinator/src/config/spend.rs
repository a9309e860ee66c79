//! `[[prices]]` and `[[budgets]]`: what each model's tokens cost, and the caps on spending,
//! checked with every problem named by its entry.

use std::collections::HashSet;

use settings::Problems;

use super::raw::{RawBudget, RawPrice};

/// Prices and budgets as configured.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SpendConfig {
    pub prices: Vec<PriceConfig>,
    pub budgets: Vec<BudgetConfig>,
}

/// USD per million tokens of one model; a model without one costs nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct PriceConfig {
    pub model: String,
    pub input_per_mtok: f64,
    pub output_per_mtok: f64,
    /// Input read from the provider's cache; the input price when not given.
    pub cached_input_per_mtok: f64,
}

/// A cap on spending: jobs it covers are rejected once a limit is reached, until its period
/// (a UTC day or month) resets.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetConfig {
    /// As written, else the model, else the node, else "all jobs".
    pub name: String,
    /// The model it caps (matched like a job's model); `None`: every model.
    pub model: Option<String>,
    /// The node it caps; `None`: every node.
    pub node: Option<String>,
    pub daily_usd: Option<f64>,
    pub monthly_usd: Option<f64>,
    /// Input plus output tokens a day.
    pub daily_tokens: Option<u64>,
}

pub(super) fn validate(
    prices: Vec<RawPrice>,
    budgets: Vec<RawBudget>,
    nodes: &HashSet<&str>,
    problems: &mut Problems,
) -> SpendConfig {
    SpendConfig {
        prices: validate_prices(prices, problems),
        budgets: validate_budgets(budgets, nodes, problems),
    }
}

fn validate_prices(raw: Vec<RawPrice>, problems: &mut Problems) -> Vec<PriceConfig> {
    let mut seen = HashSet::new();
    let mut prices = Vec::new();
    for price in raw {
        let at = format!("prices: `{}`", price.model);
        let input = amount(problems, &at, "input_per_mtok", Some(price.input_per_mtok));
        let output = amount(
            problems,
            &at,
            "output_per_mtok",
            Some(price.output_per_mtok),
        );
        let cached = amount(
            problems,
            &at,
            "cached_input_per_mtok",
            price.cached_input_per_mtok,
        );
        if price.model.trim().is_empty() {
            problems.push("prices: a price has an empty model name");
            continue;
        }
        if !seen.insert(price.model.clone()) {
            problems.push(format!("{at} is priced twice; keep one entry"));
            continue;
        }
        if let (Some(input), Some(output)) = (input, output) {
            prices.push(PriceConfig {
                model: price.model,
                input_per_mtok: input,
                output_per_mtok: output,
                cached_input_per_mtok: cached.unwrap_or(input),
            });
        }
    }
    prices
}

fn validate_budgets(
    raw: Vec<RawBudget>,
    nodes: &HashSet<&str>,
    problems: &mut Problems,
) -> Vec<BudgetConfig> {
    let mut seen = HashSet::new();
    let mut budgets = Vec::new();
    for budget in raw {
        let name = budget
            .name
            .clone()
            .or_else(|| budget.model.clone())
            .or_else(|| budget.node.clone())
            .unwrap_or_else(|| "all jobs".to_owned());
        let at = format!("budgets: `{name}`");
        let daily_usd = amount(problems, &at, "daily_usd", budget.daily_usd);
        let monthly_usd = amount(problems, &at, "monthly_usd", budget.monthly_usd);
        let daily_tokens = budget.daily_tokens.and_then(|tokens| {
            u64::try_from(tokens)
                .map_err(|_| problems.push(format!("{at}: daily_tokens must not be negative")))
                .ok()
        });
        let mut valid = true;
        if budget.daily_usd.is_none()
            && budget.monthly_usd.is_none()
            && budget.daily_tokens.is_none()
        {
            problems.push(format!(
                "{at} has no limit; give daily_usd, monthly_usd or daily_tokens"
            ));
            valid = false;
        }
        if let Some(node) = &budget.node
            && !nodes.contains(node.as_str())
        {
            problems.push(format!(
                "{at} names node `{node}`, which is not in [[nodes]]"
            ));
            valid = false;
        }
        if !seen.insert(name.clone()) {
            problems.push(format!(
                "{at} is the name of two budgets; give one a `name`"
            ));
            valid = false;
        }
        if valid {
            budgets.push(BudgetConfig {
                name,
                model: budget.model,
                node: budget.node,
                daily_usd,
                monthly_usd,
                daily_tokens,
            });
        }
    }
    budgets
}

/// A price or cap: a finite number, zero or more.
fn amount(problems: &mut Problems, at: &str, key: &str, value: Option<f64>) -> Option<f64> {
    let value = value?;
    if value.is_finite() && value >= 0.0 {
        return Some(value);
    }
    problems.push(format!(
        "{at}: {key} must be a number of zero or more, not {value}"
    ));
    None
}
