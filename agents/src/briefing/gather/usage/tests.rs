//! Tests: The usage report taken as the ledger summed it.

use proto::v1::{UsageRow, UsageTotals};

use super::*;

#[test]
fn the_ledgers_sums_are_taken_as_they_are() {
    let totals = |jobs, input, output| UsageTotals {
        jobs,
        input_tokens: input,
        output_tokens: output,
        cost_usd: 0.25,
        ..UsageTotals::default()
    };
    let report = UsageReport {
        rows: vec![UsageRow {
            model: "qwen2.5:14b".into(),
            totals: Some(totals(3, 90, 30)),
            ..UsageRow::default()
        }],
        total: Some(UsageTotals {
            jobs_without_usage: 1,
            ..totals(4, 90, 30)
        }),
        ..UsageReport::default()
    };
    let facts = usage_facts(&report);
    assert_eq!((facts.jobs, facts.jobs_without_usage), (4, 1));
    assert_eq!((facts.input_tokens, facts.output_tokens), (90, 30));
    assert_eq!(facts.per_model[0].model, "qwen2.5:14b");
    assert_eq!(facts.per_model[0].jobs, 3);
}
