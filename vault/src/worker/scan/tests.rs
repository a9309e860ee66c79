//! One pass over a temp inbox at injected times: nothing is taken before it has settled,
//! then the submitted note is taken, conflict copies set aside, drafts counted and left.

use std::time::Duration;

use super::*;
use crate::worker::shared::tests::TestWorker;

const T0: i64 = 1_796_299_200_000;
const SETTLE_MS: i64 = 15_000;

const SUBMITTED: &str =
    "---\ntype: chat\nmodel: qwen2.5:14b\nstatus: submitted\n---\n\nWhy is the sky blue?\n";
const DRAFT: &str = "---\ntype: chat\nmodel: qwen2.5:14b\nstatus: draft\n---\n\nStill writing\n";
const CONFLICT_COPY: &str = "why-sky.sync-conflict-20261202-170525-DRYE65A.md";

fn inbox_of_every_kind(worker: &TestWorker) {
    worker.write(Folder::Inbox, "draft.md", DRAFT);
    worker.write(Folder::Inbox, "why-sky.md", SUBMITTED);
    worker.write(Folder::Inbox, ".hidden.md", SUBMITTED);
    worker.write(Folder::Inbox, CONFLICT_COPY, SUBMITTED);
}

fn settler() -> Settler {
    Settler::new(Duration::from_millis(SETTLE_MS as u64))
}

#[tokio::test]
async fn nothing_is_taken_before_the_settle_time() {
    let worker = TestWorker::new();
    inbox_of_every_kind(&worker);
    let mut settler = settler();
    for now_ms in [T0, T0 + SETTLE_MS - 1] {
        let scan = scan_inbox(&worker.shared, &mut settler, now_ms).unwrap();
        assert!(scan.taken.is_empty(), "at {now_ms}");
        assert_eq!(scan.next_ready_at_ms, Some(T0 + SETTLE_MS));
    }
    assert_eq!(worker.names_in(Folder::Inbox).len(), 4);
    let state = worker.shared.status.snapshot();
    assert_eq!(
        (state.settling, state.drafts),
        (3, 0),
        "the dot-file is not watched"
    );
    assert_eq!(state.last_scan_ms, Some(T0 + SETTLE_MS - 1));
    assert!(worker.shared.ledger.unfinished().unwrap().is_empty());
}

#[tokio::test]
async fn once_settled_the_submitted_note_is_taken_and_the_others_dealt_with() {
    let worker = TestWorker::new();
    inbox_of_every_kind(&worker);
    let mut settler = settler();
    scan_inbox(&worker.shared, &mut settler, T0).unwrap();
    let scan = scan_inbox(&worker.shared, &mut settler, T0 + SETTLE_MS).unwrap();
    let taken: Vec<&str> = scan
        .taken
        .iter()
        .map(|job| job.source_name.as_str())
        .collect();
    assert_eq!(taken, ["why-sky.md"]);
    assert_eq!(scan.taken[0].stage, Stage::Moved);
    assert_eq!(scan.next_ready_at_ms, None);
    assert_eq!(worker.names_in(Folder::Inbox), [".hidden.md", "draft.md"]);
    assert_eq!(worker.names_in(Folder::Processing), ["why-sky.md"]);
    assert_eq!(worker.names_in(Folder::Conflicts), [CONFLICT_COPY]);
    let state = worker.shared.status.snapshot();
    assert_eq!((state.settling, state.drafts, state.conflicts), (0, 1, 1));

    let later = scan_inbox(&worker.shared, &mut settler, T0 + 2 * SETTLE_MS).unwrap();
    assert!(later.taken.is_empty(), "a taken note is taken once");
    assert_eq!(
        worker.shared.status.snapshot().drafts,
        1,
        "the draft is still counted"
    );
    assert_eq!(worker.shared.ledger.unfinished().unwrap().len(), 1);
}

#[tokio::test]
async fn a_taken_note_brought_back_unchanged_is_removed_once_settled() {
    let worker = TestWorker::new();
    worker.write(Folder::Inbox, "why-sky.md", SUBMITTED);
    let mut settler = settler();
    scan_inbox(&worker.shared, &mut settler, T0).unwrap();
    let first = scan_inbox(&worker.shared, &mut settler, T0 + SETTLE_MS).unwrap();
    assert_eq!(first.taken.len(), 1);
    worker.write(Folder::Inbox, "why-sky.md", SUBMITTED);
    let at = T0 + 2 * SETTLE_MS;
    assert!(
        scan_inbox(&worker.shared, &mut settler, at)
            .unwrap()
            .taken
            .is_empty()
    );
    assert_eq!(
        worker.names_in(Folder::Inbox),
        ["why-sky.md"],
        "not settled yet"
    );
    let again = scan_inbox(&worker.shared, &mut settler, at + SETTLE_MS).unwrap();
    assert!(again.taken.is_empty());
    assert!(worker.names_in(Folder::Inbox).is_empty());
    assert_eq!(worker.shared.status.snapshot().strays_removed, 1);
    assert_eq!(worker.shared.ledger.unfinished().unwrap(), first.taken);
}

#[tokio::test]
async fn a_missing_inbox_is_an_error_naming_it() {
    let worker = TestWorker::new();
    std::fs::remove_dir(worker.shared.folders.path(Folder::Inbox)).unwrap();
    let error = scan_inbox(&worker.shared, &mut settler(), T0).unwrap_err();
    assert!(error.to_string().contains("Runner/inbox"), "{error}");
}
