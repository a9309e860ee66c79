//! The worker's status: jobs in flight replaced by id, finished jobs counted by outcome.

use super::*;

fn flight(id: &str, stage: Stage) -> InFlight {
    InFlight {
        id: id.to_owned(),
        source: format!("{id}.md"),
        model: "qwen2.5:14b".to_owned(),
        stage,
        cluster_job_id: None,
        claimed_at_ms: 7,
    }
}

fn in_flight(status: &WorkerStatus) -> Vec<(String, Stage)> {
    status
        .snapshot()
        .in_flight
        .into_iter()
        .map(|job| (job.id, job.stage))
        .collect()
}

#[test]
fn a_new_status_holds_what_it_watches_and_nothing_else() {
    let state = WorkerStatus::new("/vault", "/vault/Runner/inbox", 15_000).snapshot();
    assert_eq!(state.vault, "/vault");
    assert_eq!(state.inbox, "/vault/Runner/inbox");
    assert_eq!(state.settle_ms, 15_000);
    assert!(state.in_flight.is_empty() && state.finished.is_empty());
    assert_eq!((state.conflicts, state.last_scan_ms), (0, None));
}

#[test]
fn job_at_adds_a_new_job_and_replaces_a_known_one_in_place() {
    let status = WorkerStatus::new("/vault", "inbox", 0);
    status.job_at(flight("a", Stage::Moved));
    status.job_at(flight("b", Stage::Moved));
    let mut submitted = flight("a", Stage::Submitted);
    submitted.cluster_job_id = Some("01JDX".to_owned());
    status.job_at(submitted);
    assert_eq!(
        in_flight(&status),
        [
            ("a".to_owned(), Stage::Submitted),
            ("b".to_owned(), Stage::Moved)
        ]
    );
    let snapshot = status.snapshot();
    assert_eq!(
        snapshot.in_flight[0].cluster_job_id.as_deref(),
        Some("01JDX")
    );
}

#[test]
fn job_finished_removes_only_that_job_and_counts_it_by_outcome() {
    let status = WorkerStatus::new("/vault", "inbox", 0);
    for id in ["a", "b", "c"] {
        status.job_at(flight(id, Stage::Submitted));
    }
    status.job_finished("a", "done");
    status.job_finished("c", "done");
    status.job_finished("b", "rejected");
    status.job_at(flight("d", Stage::Moved));
    let state = status.snapshot();
    assert_eq!(in_flight(&status), [("d".to_owned(), Stage::Moved)]);
    let finished: Vec<(&str, u64)> = state
        .finished
        .iter()
        .map(|(word, count)| (word.as_str(), *count))
        .collect();
    assert_eq!(finished, [("done", 2), ("rejected", 1)]);
}

#[test]
fn the_last_error_is_the_latest_and_a_snapshot_does_not_change_afterwards() {
    let status = WorkerStatus::new("/vault", "inbox", 0);
    status.error("first".to_owned());
    let before = status.snapshot();
    status.error("second".to_owned());
    status.update(|state| state.conflicts += 1);
    assert_eq!(before.last_error.as_deref(), Some("first"));
    assert_eq!(before.conflicts, 0);
    let after = status.snapshot();
    assert_eq!(after.last_error.as_deref(), Some("second"));
    assert_eq!(after.conflicts, 1);
}
