//! Taking a settled note over a temp vault and ledger: claimed, then moved; a taken id goes
//! to `conflicts/`.

use super::*;
use crate::ledger::tests::claimed_job;
use crate::settle::fingerprint;
use crate::worker::shared::tests::TestWorker;

const NOW_MS: i64 = 1_796_299_200_000;

const NOTE: &str =
    "---\ntype: chat\nmodel: qwen2.5:14b\nstatus: submitted\n---\n\nWhy is the sky blue?\n";

const NOTE_WITH_ID: &str = "---\ntype: chat\nmodel: gemma4:27b\nid: sky-1\nnotify: discord\nstatus: submitted\n---\n\nWhy?\n";

/// Writes `inbox/name` and takes it.
fn write_and_take(worker: &TestWorker, name: &str, text: &str) -> (Option<VaultJob>, String) {
    let path = worker.write(Folder::Inbox, name, text);
    let (print, read) = fingerprint(&path).unwrap();
    (
        take(&worker.shared, name, &read, &print, NOW_MS),
        print.sha256,
    )
}

#[test]
fn with_id_puts_the_id_before_the_extension() {
    assert_eq!(with_id("why-sky.md", "j1"), "why-sky (j1).md");
    assert_eq!(with_id("why-sky", "j1"), "why-sky (j1).md");
}

#[tokio::test]
async fn a_new_note_is_claimed_under_a_made_id_and_moved_to_processing() {
    let worker = TestWorker::new();
    let (job, sha) = write_and_take(&worker, "why-sky.md", NOTE);
    let job = job.unwrap();
    assert_eq!(job.id, new_job_id("why-sky.md", &sha, NOW_MS));
    assert_eq!(job.stage, Stage::Moved);
    assert_eq!(
        (job.source_name.as_str(), job.processing_name.as_str()),
        ("why-sky.md", "why-sky.md")
    );
    assert_eq!(job.content_sha256, sha);
    assert_eq!(job.claimed_at_ms, NOW_MS);
    assert_eq!(job.job_type, Some(crate::job_note::JobType::Chat));
    assert_eq!(job.model, "qwen2.5:14b");
    assert!(worker.names_in(Folder::Inbox).is_empty());
    let moved = std::fs::read_to_string(worker.path(Folder::Processing, "why-sky.md")).unwrap();
    assert_eq!(moved, NOTE, "moved as written");
    assert_eq!(
        worker.shared.ledger.get(&job.id).unwrap(),
        Some(job.clone())
    );
    assert_eq!(
        worker.shared.ledger.by_source("why-sky.md").unwrap(),
        Some(job)
    );
}

#[tokio::test]
async fn a_note_with_its_own_id_is_claimed_under_it() {
    let worker = TestWorker::new();
    let job = write_and_take(&worker, "why.md", NOTE_WITH_ID).0.unwrap();
    assert_eq!(job.id, "sky-1");
    assert_eq!(job.model, "gemma4:27b");
    assert!(job.notify_discord);
}

#[tokio::test]
async fn a_broken_note_is_still_taken_to_be_answered() {
    let worker = TestWorker::new();
    let broken = "---\nstatus: submitted\nid: broken-1\nmodel: [\n---\nHello\n";
    let job = write_and_take(&worker, "broken.md", broken).0.unwrap();
    assert_eq!(job.id, "broken-1");
    assert_eq!((job.job_type, job.model.as_str()), (None, ""));
    assert_eq!(worker.names_in(Folder::Processing), ["broken.md"]);
}

#[tokio::test]
async fn a_name_taken_in_processing_gets_the_id() {
    let worker = TestWorker::new();
    worker.write(Folder::Processing, "why.md", "another job still running");
    let job = write_and_take(&worker, "why.md", NOTE_WITH_ID).0.unwrap();
    assert_eq!(job.processing_name, "why (sky-1).md");
    assert_eq!(
        worker.names_in(Folder::Processing),
        ["why (sky-1).md", "why.md"]
    );
}

#[tokio::test]
async fn a_note_whose_id_is_already_claimed_goes_to_conflicts_and_is_not_run() {
    let worker = TestWorker::new();
    let earlier = claimed_job("sky-1", "earlier.md", 5);
    worker.shared.ledger.claim(&earlier).unwrap();
    let (job, sha) = write_and_take(&worker, "why.md", NOTE_WITH_ID);
    assert_eq!(job, None);
    assert!(worker.names_in(Folder::Inbox).is_empty());
    assert!(worker.names_in(Folder::Processing).is_empty());
    assert_eq!(worker.names_in(Folder::Conflicts), ["why.md"]);
    assert_eq!(
        worker.shared.ledger.get("sky-1").unwrap(),
        Some(earlier),
        "untouched"
    );
    assert!(
        worker
            .shared
            .ledger
            .conflict_handled("why.md", &sha)
            .unwrap()
    );
    assert_eq!(worker.shared.status.snapshot().conflicts, 1);
}
