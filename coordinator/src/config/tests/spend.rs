//! `[[prices]]` and `[[budgets]]`: read as written, defaults filled in, every bad entry named.

use settings::MapEnv;

use super::write;
use crate::config::{BudgetConfig, CoordinatorConfig, PriceConfig};

const NODE: &str = "[[nodes]]\nname = \"anthropic\"\ntoken_env = \"T\"\n";

fn load(text: &str) -> Result<CoordinatorConfig, String> {
    let (_dir, path) = write(&format!("{NODE}{text}"));
    CoordinatorConfig::load(Some(&path), &MapEnv::from_pairs([("T", "t")]))
        .map_err(|error| error.to_string())
}

#[test]
fn prices_and_budgets_are_read_with_their_defaults() {
    let config = load(
        r#"
        [[prices]]
        model = "claude-sonnet-4-6"
        input_per_mtok = 3
        output_per_mtok = 15.0
        [[prices]]
        model = "gemma4:27b"
        input_per_mtok = 0.1
        output_per_mtok = 0.2
        cached_input_per_mtok = 0.01
        [[budgets]]
        model = "claude-sonnet-4-6"
        node = "anthropic"
        daily_usd = 2.0
        monthly_usd = 30
        [[budgets]]
        node = "anthropic"
        daily_tokens = 1000000
        [[budgets]]
        name = "everything"
        monthly_usd = 100.0
        [[budgets]]
        daily_usd = 5.0
        "#,
    )
    .unwrap();
    assert_eq!(
        config.spend.prices,
        [
            PriceConfig {
                model: "claude-sonnet-4-6".into(),
                input_per_mtok: 3.0,
                output_per_mtok: 15.0,
                cached_input_per_mtok: 3.0,
            },
            PriceConfig {
                model: "gemma4:27b".into(),
                input_per_mtok: 0.1,
                output_per_mtok: 0.2,
                cached_input_per_mtok: 0.01,
            }
        ]
    );
    let names: Vec<&str> = config
        .spend
        .budgets
        .iter()
        .map(|b| b.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["claude-sonnet-4-6", "anthropic", "everything", "all jobs"]
    );
    assert_eq!(
        config.spend.budgets[0],
        BudgetConfig {
            name: "claude-sonnet-4-6".into(),
            model: Some("claude-sonnet-4-6".into()),
            node: Some("anthropic".into()),
            daily_usd: Some(2.0),
            monthly_usd: Some(30.0),
            daily_tokens: None,
        }
    );
    assert_eq!(config.spend.budgets[1].daily_tokens, Some(1_000_000));
}

#[test]
fn every_bad_price_and_budget_is_named() {
    let text = load(
        r#"
        [[prices]]
        model = "a"
        input_per_mtok = -1.0
        output_per_mtok = nan
        [[prices]]
        model = "b"
        input_per_mtok = "cheap"
        output_per_mtok = 1.0
        [[prices]]
        model = "c"
        input_per_mtok = 1.0
        output_per_mtok = 1.0
        cached_input_per_mtok = inf
        [[prices]]
        model = "d"
        input_per_mtok = 1.0
        output_per_mtok = 1.0
        [[prices]]
        model = "d"
        input_per_mtok = 2.0
        output_per_mtok = 2.0
        [[budgets]]
        model = "claude"
        [[budgets]]
        name = "twice"
        daily_usd = -2.0
        [[budgets]]
        name = "twice"
        monthly_usd = 1.0
        [[budgets]]
        node = "ghost"
        daily_tokens = -5
        [[budgets]]
        name = "words"
        monthly_usd = "lots"
        "#,
    )
    .unwrap_err();
    for expected in [
        "prices: `a`: input_per_mtok must be a number of zero or more, not -1",
        "prices: `a`: output_per_mtok must be a number of zero or more, not NaN",
        "prices.input_per_mtok: expected a number, like 2.5",
        "prices: `c`: cached_input_per_mtok must be a number of zero or more, not inf",
        "prices: `d` is priced twice",
        "budgets: `claude` has no limit",
        "budgets: `twice`: daily_usd must be a number of zero or more, not -2",
        "budgets: `twice` is the name of two budgets",
        "budgets: `ghost` names node `ghost`, which is not in [[nodes]]",
        "budgets: `ghost`: daily_tokens must not be negative",
        "budgets.monthly_usd: expected a number, like 2.5",
        "budgets: `words` has no limit",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert_eq!(text.lines().count(), 12, "{text}");
}
