//! The made-up jobs are what the ledger counts: every ended one has a row inside the span,
//! in time order; a running one has none; usage and price vary as described.

use std::collections::BTreeSet;

use coordinator::store::ledger::LedgerRow;

use super::{DAY_MS, MODELS, SyntheticJobs};

const END_MS: i64 = 1_790_000_000_000;

#[test]
fn every_ended_job_has_a_ledger_row_inside_the_span_in_time_order() {
    let jobs = SyntheticJobs::new(5_000, 365, END_MS);
    let (mut last_finish, mut last_id) = (0, String::new());
    let mut models = BTreeSet::new();
    let (mut without_usage, mut unpriced) = (0, 0);
    for index in 0..5_000 {
        let job = jobs.ended(index);
        let row = LedgerRow::of(&job).expect("an ended job that ran has a row");
        assert!(row.finished_at_ms > END_MS - 366 * DAY_MS && row.finished_at_ms <= END_MS);
        assert!(row.finished_at_ms >= last_finish - 1_000, "{index}");
        assert!(job.id > last_id, "ids sort by time: {index}");
        last_finish = row.finished_at_ms;
        last_id = job.id.clone();
        models.insert(row.model.clone());
        without_usage += usize::from(row.input_tokens.is_none());
        unpriced += usize::from(!row.priced);
        assert_eq!(
            row.cost_usd.is_some(),
            row.priced && row.input_tokens.is_some()
        );
    }
    assert_eq!(models.len(), MODELS.len());
    assert!((300..700).contains(&without_usage), "{without_usage}");
    assert!((500..1_200).contains(&unpriced), "{unpriced}");
}

#[test]
fn a_running_job_has_no_ledger_row() {
    let jobs = SyntheticJobs::new(10, 30, END_MS);
    for index in 0..10 {
        assert_eq!(LedgerRow::of(&jobs.running(index)), None);
    }
}
