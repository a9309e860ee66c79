//! Tests of the usage words: every enum value has its word, dollars and counts read right.

use proto::v1::{BudgetLimit, BudgetUse, UsageGrouping};

use super::*;

#[test]
fn every_grouping_and_limit_has_its_proto_name_as_word() {
    for value in 1..16 {
        if let Ok(grouping_value) = UsageGrouping::try_from(value) {
            let expected = grouping_value
                .as_str_name()
                .strip_prefix("USAGE_GROUPING_")
                .unwrap()
                .to_ascii_lowercase();
            assert_eq!(grouping(value), expected);
            assert_eq!(
                parse_grouping(&expected.to_uppercase()),
                Some(grouping_value)
            );
        }
        if let Ok(limit) = BudgetLimit::try_from(value) {
            let expected = limit
                .as_str_name()
                .strip_prefix("BUDGET_LIMIT_")
                .unwrap()
                .to_ascii_lowercase();
            assert_eq!(budget_limit(value), expected);
        }
    }
    assert_eq!(grouping(0), "unknown");
    assert_eq!(parse_grouping("week"), None);
}

#[test]
fn dollars_have_four_decimals_under_one_and_two_above() {
    assert_eq!(format_usd(0.0), "$0.00");
    assert_eq!(format_usd(0.012_34), "$0.0123");
    assert_eq!(format_usd(0.999_94), "$0.9999");
    assert_eq!(format_usd(1.0), "$1.00");
    assert_eq!(format_usd(1.625), "$1.62");
    assert_eq!(format_usd(1234.5), "$1234.50");
}

#[test]
fn counts_have_thousands_separators() {
    assert_eq!(format_count(0), "0");
    assert_eq!(format_count(999), "999");
    assert_eq!(format_count(1_000), "1,000");
    assert_eq!(format_count(1_234_567), "1,234,567");
}

#[test]
fn a_budget_reads_spent_of_cap_in_its_unit() {
    let dollars = BudgetUse {
        limit: BudgetLimit::DailyUsd as i32,
        cap: 2.0,
        spent: 1.62,
        ..Default::default()
    };
    assert_eq!(budget_spent_of_cap(&dollars), "$1.62 of $2.00 (81%)");
    let tokens = BudgetUse {
        limit: BudgetLimit::DailyTokens as i32,
        cap: 100_000.0,
        spent: 100_000.0,
        ..Default::default()
    };
    assert_eq!(
        budget_spent_of_cap(&tokens),
        "100,000 tokens of 100,000 tokens (100%)"
    );
    let no_cap = BudgetUse {
        cap: 0.0,
        ..Default::default()
    };
    assert_eq!(budget_percent(&no_cap), 100);
}
