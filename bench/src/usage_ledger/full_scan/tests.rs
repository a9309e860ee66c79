//! The full scan sums the same rows the store's report does, and the check notices a report
//! that differs from it.

use coordinator::store::{JobStore, RedbJobStore};
use coordinator::usage::UsageQuery;
use proto::v1::{GetUsageRequest, UsageGrouping};

use super::{LedgerFile, check_same_sums};
use crate::usage_ledger::synthetic_jobs::{DAY_MS, SyntheticJobs};

const NOW_MS: i64 = 1_790_000_000_000;

fn year_by_day_and_model() -> UsageQuery {
    let request = GetUsageRequest {
        since: "2025-09-01".to_owned(),
        by: vec![UsageGrouping::Day as i32, UsageGrouping::Model as i32],
        ..GetUsageRequest::default()
    };
    UsageQuery::parse(&request, NOW_MS).unwrap()
}

#[test]
fn the_full_scan_gives_the_reports_sums_and_a_changed_report_fails_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let store = RedbJobStore::open(dir.path()).unwrap();
    let jobs = SyntheticJobs::new(3_000, 400, NOW_MS - DAY_MS);
    let all: Vec<_> = (0..3_000).map(|index| jobs.ended(index)).collect();
    for chunk in all.chunks(500) {
        store.put_all(chunk).unwrap();
    }
    let query = year_by_day_and_model();
    let mut report = store.usage(&query).unwrap();
    drop(store);
    let scan = LedgerFile::open(dir.path())
        .unwrap()
        .sum_by_day_and_model(&query)
        .unwrap();
    // Some jobs ended before the range: the scan must leave them out as the report does.
    let jobs_in_range: u64 = scan.values().map(|totals| totals.jobs).sum();
    assert!(
        jobs_in_range > 2_000 && jobs_in_range < 3_000,
        "{jobs_in_range}"
    );
    check_same_sums(&report, &scan).unwrap();

    let totals = report.rows[0].totals.as_mut().unwrap();
    totals.input_tokens += 1;
    assert!(check_same_sums(&report, &scan).is_err());
}
