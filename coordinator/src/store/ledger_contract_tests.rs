//! The ledger's part of the store contract, run against both stores: rows only for jobs that
//! ran, an idempotent re-put, an amendment that moves the rollups by the difference, absent
//! counts counted as without usage (not as 0), and rows and rollups kept across a reopen.

use proto::v1::{GetUsageRequest, Job, JobSpec, JobState, TokenUsage, UsageReport, UsageTotals};

use super::{JobStore, MemoryJobStore, RedbJobStore};
use crate::usage::UsageQuery;

/// 2026-12-01 10:00 UTC.
const T: i64 = 1_796_119_200_000;

fn ended(id: &str, state: JobState, node: &str, started: bool, usage: Option<(u64, u64)>) -> Job {
    Job {
        id: id.into(),
        spec: Some(JobSpec {
            model: "claude".into(),
            ..Default::default()
        }),
        state: state as i32,
        node: node.into(),
        started_at_ms: if started { T - 5_000 } else { 0 },
        finished_at_ms: T,
        usage: usage.map(|(input, output)| TokenUsage {
            input_tokens: Some(input),
            output_tokens: Some(output),
            ..Default::default()
        }),
        cost_usd: usage.map(|(input, output)| (input + output) as f64 / 1000.0),
        priced: true,
        ..Default::default()
    }
}

fn total(store: &dyn JobStore) -> UsageTotals {
    report(store).total.unwrap()
}

fn report(store: &dyn JobStore) -> UsageReport {
    let request = GetUsageRequest {
        since: "2026-12-01".into(),
        until: "2026-12-01".into(),
        ..Default::default()
    };
    store
        .usage(&UsageQuery::parse(&request, T).unwrap())
        .unwrap()
}

fn check_ledger_contract(store: &dyn JobStore) {
    let mut running = ended("L6", JobState::Running, "davas", true, None);
    running.finished_at_ms = 0;
    store
        .put_all(&[
            ended("L1", JobState::Succeeded, "davas", true, Some((100, 20))),
            // Ran, ended, the backend reported nothing: counted, without usage nor cost.
            ended("L2", JobState::Failed, "davas", true, None),
            // Never ran: rejected, cancelled while queued, or still running.
            ended("L3", JobState::Rejected, "", false, None),
            ended("L4", JobState::Cancelled, "", false, None),
            ended("L5", JobState::Cancelled, "davas", false, None),
            running,
        ])
        .unwrap();
    let first = total(store);
    assert_eq!(
        first,
        UsageTotals {
            jobs: 2,
            jobs_without_usage: 1,
            input_tokens: 100,
            output_tokens: 20,
            cost_usd: 0.12,
            jobs_without_cost: 1,
            ..Default::default()
        }
    );

    // A replay of the same records counts nothing twice.
    store
        .put_all(&[
            ended("L1", JobState::Succeeded, "davas", true, Some((100, 20))),
            ended("L2", JobState::Failed, "davas", true, None),
        ])
        .unwrap();
    assert_eq!(total(store), first);

    // A cancelled job whose partial usage arrives after the cancel: the row is replaced and
    // the rollup moves by the difference.
    store
        .put_all(&[ended(
            "L2",
            JobState::Cancelled,
            "davas",
            true,
            Some((30, 10)),
        )])
        .unwrap();
    let amended = total(store);
    assert_eq!(amended.jobs, 2);
    assert_eq!(amended.jobs_without_usage, 0);
    assert_eq!(amended.jobs_without_cost, 0);
    assert_eq!((amended.input_tokens, amended.output_tokens), (130, 30));
    assert!(
        (amended.cost_usd - 0.16).abs() < 1e-9,
        "{}",
        amended.cost_usd
    );

    // An unpriced model: no cost, counted as unpriced, not as without cost.
    let mut free = ended("L7", JobState::Succeeded, "homelab", true, Some((5, 5)));
    free.spec.as_mut().unwrap().model = "gemma4:27b".into();
    free.cost_usd = Some(0.0);
    free.priced = false;
    store.put_all(&[free]).unwrap();
    let rows = report(store).rows;
    let models: Vec<(&str, u64, u64)> = rows
        .iter()
        .map(|row| {
            let totals = row.totals.as_ref().unwrap();
            (row.model.as_str(), totals.jobs, totals.unpriced_jobs)
        })
        .collect();
    assert_eq!(models, [("claude", 2, 0), ("gemma4:27b", 1, 1)]);
}

#[test]
fn memory_store_keeps_the_ledger_contract() {
    check_ledger_contract(&MemoryJobStore::default());
}

#[test]
fn redb_store_keeps_the_ledger_contract_and_its_rows_and_rollups_across_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let before = {
        let store = RedbJobStore::open(dir.path()).unwrap();
        check_ledger_contract(&store);
        report(&store)
    };
    let reopened = RedbJobStore::open(dir.path()).unwrap();
    assert_eq!(report(&reopened), before);
    // The reopened file still amends by the difference (its rows were kept, not only sums).
    reopened
        .put_all(&[ended(
            "L1",
            JobState::Succeeded,
            "davas",
            true,
            Some((0, 0)),
        )])
        .unwrap();
    let after = total(&reopened);
    assert_eq!((after.jobs, after.input_tokens), (3, 35));
}
