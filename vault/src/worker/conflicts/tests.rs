//! Strays removed (unless they are the claimed note itself) and conflicts moved aside, over a
//! temp vault.

use std::sync::Arc;

use super::*;
use crate::ledger::tests::claimed_job;
use crate::worker::shared::tests::{RecordingNotifier, TestWorker};

const SHA: &str = "abcdef0123456789";

#[tokio::test]
async fn an_unchanged_copy_of_a_moved_job_is_removed() {
    let worker = TestWorker::new();
    let mut job = claimed_job("j1", "why-sky.md", 5);
    worker.shared.ledger.claim(&job).unwrap();
    job.stage = Stage::Moved;
    worker.shared.ledger.advance(&job).unwrap();
    worker.write(Folder::Inbox, "why-sky.md", "a copy Syncthing brought back");
    remove_stray(&worker.shared, "why-sky.md", "j1");
    assert!(worker.names_in(Folder::Inbox).is_empty());
    assert_eq!(worker.shared.status.snapshot().strays_removed, 1);
}

#[tokio::test]
async fn the_claimed_note_itself_is_left_for_its_job_to_move() {
    let worker = TestWorker::new();
    worker
        .shared
        .ledger
        .claim(&claimed_job("j1", "why-sky.md", 5))
        .unwrap();
    worker.write(Folder::Inbox, "why-sky.md", "claimed, not moved yet");
    remove_stray(&worker.shared, "why-sky.md", "j1");
    assert_eq!(worker.names_in(Folder::Inbox), ["why-sky.md"]);
    assert_eq!(worker.shared.status.snapshot().strays_removed, 0);
}

#[tokio::test]
async fn a_copy_under_another_name_of_a_job_still_claimed_is_removed() {
    let worker = TestWorker::new();
    worker
        .shared
        .ledger
        .claim(&claimed_job("j1", "why-sky.md", 5))
        .unwrap();
    worker.write(Folder::Inbox, "why-sky.md", "the claimed note");
    worker.write(Folder::Inbox, "why-sky 2.md", "a copy with id: j1");
    remove_stray(&worker.shared, "why-sky 2.md", "j1");
    assert_eq!(worker.names_in(Folder::Inbox), ["why-sky.md"]);
    assert_eq!(worker.shared.status.snapshot().strays_removed, 1);
}

#[tokio::test]
async fn a_conflict_is_moved_recorded_and_told_once() {
    let notifier = Arc::new(RecordingNotifier::default());
    let worker = TestWorker::with_notifier(Some(notifier.clone()));
    worker.write(Folder::Inbox, "why-sky.md", "edited after the claim");
    move_conflict(&worker.shared, "why-sky.md", SHA, Some("j1"), 42);
    assert!(worker.names_in(Folder::Inbox).is_empty());
    let moved = std::fs::read_to_string(worker.path(Folder::Conflicts, "why-sky.md")).unwrap();
    assert_eq!(moved, "edited after the claim");
    assert!(
        worker
            .shared
            .ledger
            .conflict_handled("why-sky.md", SHA)
            .unwrap()
    );
    assert_eq!(worker.shared.status.snapshot().conflicts, 1);
    let sent = notifier.sent.lock().unwrap();
    assert_eq!(sent.len(), 1);
    let (key, notice) = &sent[0];
    assert_eq!(key, &format!("vault-conflict:why-sky.md:{SHA}"));
    assert_eq!(notice.kind, NoticeKind::Conflict);
    assert_eq!(notice.at_ms, 42);
    assert!(
        notice.description.contains("job j1"),
        "{}",
        notice.description
    );
}

#[tokio::test]
async fn a_second_conflict_of_the_same_name_gets_the_short_sha() {
    let worker = TestWorker::new();
    worker.write(Folder::Inbox, "why-sky.md", "first");
    move_conflict(&worker.shared, "why-sky.md", "11111111aaaa", None, 1);
    worker.write(Folder::Inbox, "why-sky.md", "second");
    move_conflict(&worker.shared, "why-sky.md", SHA, None, 2);
    assert_eq!(
        worker.names_in(Folder::Conflicts),
        ["why-sky (abcdef01).md", "why-sky.md"]
    );
    let read = |name| std::fs::read_to_string(worker.path(Folder::Conflicts, name)).unwrap();
    assert_eq!(
        (read("why-sky.md"), read("why-sky (abcdef01).md")),
        ("first".into(), "second".into())
    );
    assert_eq!(worker.shared.status.snapshot().conflicts, 2);
}

#[tokio::test]
async fn a_copy_set_aside_before_that_comes_back_unchanged_is_removed_not_told_again() {
    let notifier = Arc::new(RecordingNotifier::default());
    let worker = TestWorker::with_notifier(Some(notifier.clone()));
    for _ in 0..3 {
        worker.write(Folder::Inbox, "why-sky.md", "the same edited copy");
        move_conflict(&worker.shared, "why-sky.md", SHA, Some("j1"), 1);
        assert!(worker.names_in(Folder::Inbox).is_empty());
    }
    assert_eq!(worker.names_in(Folder::Conflicts), ["why-sky.md"]);
    let state = worker.shared.status.snapshot();
    assert_eq!((state.conflicts, state.strays_removed), (1, 2));
    assert_eq!(notifier.sent.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn a_conflict_gone_before_it_is_moved_is_neither_counted_nor_told() {
    let notifier = Arc::new(RecordingNotifier::default());
    let worker = TestWorker::with_notifier(Some(notifier.clone()));
    move_conflict(&worker.shared, "gone.md", SHA, None, 1);
    let state = worker.shared.status.snapshot();
    assert_eq!((state.conflicts, state.last_error), (0, None));
    assert!(
        !worker
            .shared
            .ledger
            .conflict_handled("gone.md", SHA)
            .unwrap()
    );
    assert!(notifier.sent.lock().unwrap().is_empty());
}

#[tokio::test]
async fn a_conflict_with_both_names_taken_stays_in_the_inbox_and_says_why() {
    let worker = TestWorker::new();
    worker.write(Folder::Conflicts, "why-sky.md", "older");
    worker.write(Folder::Conflicts, "why-sky (abcdef01).md", "older still");
    worker.write(Folder::Inbox, "why-sky.md", "new");
    move_conflict(&worker.shared, "why-sky.md", SHA, None, 1);
    assert_eq!(worker.names_in(Folder::Inbox), ["why-sky.md"]);
    let state = worker.shared.status.snapshot();
    assert_eq!(state.conflicts, 0);
    let error = state.last_error.unwrap_or_default();
    assert!(error.contains("both names are taken"), "{error}");
    assert!(
        !worker
            .shared
            .ledger
            .conflict_handled("why-sky.md", SHA)
            .unwrap()
    );
}
