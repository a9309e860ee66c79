//! Moving a claimed note into `processing/` over a temp vault, and redoing it after a crash.

use super::*;
use crate::ledger::tests::claimed_job;
use crate::worker::shared::tests::TestWorker;

fn claimed(worker: &TestWorker, id: &str, name: &str) -> VaultJob {
    let job = claimed_job(id, name, 5);
    worker.shared.ledger.claim(&job).unwrap();
    job
}

#[tokio::test]
async fn a_note_taken_since_the_claim_keeps_both_with_the_id() {
    let worker = TestWorker::new();
    let job = claimed(&worker, "j1", "why-sky.md");
    worker.write(Folder::Inbox, "why-sky.md", "mine");
    worker.write(Folder::Processing, "why-sky.md", "another job's");
    let moved = move_to_processing(&worker.shared, job).unwrap();
    assert_eq!(moved.processing_name, "why-sky (j1).md");
    assert_eq!(
        worker.names_in(Folder::Processing),
        ["why-sky (j1).md", "why-sky.md"]
    );
    assert_eq!(worker.shared.ledger.get("j1").unwrap(), Some(moved));
}

#[tokio::test]
async fn a_move_made_before_a_crash_is_recorded_again_harmlessly() {
    let worker = TestWorker::new();
    let job = claimed(&worker, "j1", "why-sky.md");
    worker.write(Folder::Processing, "why-sky.md", "moved, not recorded");
    let moved = move_to_processing(&worker.shared, job).unwrap();
    assert_eq!(moved.stage, Stage::Moved);
    let text = std::fs::read_to_string(worker.path(Folder::Processing, "why-sky.md")).unwrap();
    assert_eq!(text, "moved, not recorded");
}

#[tokio::test]
async fn recording_a_job_the_ledger_never_claimed_fails_and_says_so() {
    let worker = TestWorker::new();
    assert!(!record(
        &worker.shared,
        &claimed_job("ghost", "ghost.md", 5)
    ));
    assert!(
        worker
            .shared
            .status
            .snapshot()
            .last_error
            .is_some_and(|error| error.contains("ghost"))
    );
}
