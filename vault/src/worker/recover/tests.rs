//! Start-up over a temp vault: what a previous run left is resumed from its stage.

use super::*;
use crate::layout::Folder;
use crate::ledger::tests::claimed_job;
use crate::result_note::Outcome;
use crate::worker::shared::tests::TestWorker;

#[tokio::test]
async fn a_claimed_job_whose_note_is_still_in_the_inbox_is_moved_first() {
    let worker = TestWorker::new();
    worker
        .shared
        .ledger
        .claim(&claimed_job("j1", "why-sky.md", 5))
        .unwrap();
    worker.write(Folder::Inbox, "why-sky.md", "claimed before the crash");
    let jobs = unfinished(&worker.shared).await;
    assert_eq!(jobs.len(), 1);
    assert_eq!((jobs[0].id.as_str(), jobs[0].stage), ("j1", Stage::Moved));
    assert!(worker.names_in(Folder::Inbox).is_empty());
    assert_eq!(worker.names_in(Folder::Processing), ["why-sky.md"]);
    assert_eq!(
        worker.shared.ledger.get("j1").unwrap().map(|job| job.stage),
        Some(Stage::Moved)
    );
}

#[tokio::test]
async fn later_stages_are_resumed_as_they_are_oldest_claim_first() {
    let worker = TestWorker::new();
    let mut submitted = claimed_job("late", "b.md", 20);
    worker.shared.ledger.claim(&submitted).unwrap();
    submitted.stage = Stage::Submitted;
    worker.shared.ledger.advance(&submitted).unwrap();
    worker
        .shared
        .ledger
        .claim(&claimed_job("early", "a.md", 10))
        .unwrap();
    worker.write(Folder::Inbox, "a.md", "claimed");
    let jobs = unfinished(&worker.shared).await;
    let resumed: Vec<(&str, Stage)> = jobs
        .iter()
        .map(|job| (job.id.as_str(), job.stage))
        .collect();
    assert_eq!(
        resumed,
        [("early", Stage::Moved), ("late", Stage::Submitted)]
    );
}

#[tokio::test]
async fn a_claimed_job_whose_note_is_gone_ends_cancelled() {
    let worker = TestWorker::new();
    worker
        .shared
        .ledger
        .claim(&claimed_job("j1", "why-sky.md", 5))
        .unwrap();
    assert!(unfinished(&worker.shared).await.is_empty());
    let job = worker.shared.ledger.get("j1").unwrap().unwrap();
    assert_eq!(
        (job.stage, job.outcome),
        (Stage::Finished, Some(Outcome::Cancelled))
    );
    assert!(worker.shared.ledger.unfinished().unwrap().is_empty());
}
