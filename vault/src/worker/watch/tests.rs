//! Inbox events as wake-ups, over a temp folder, in real time (inotify cannot be paused).

use std::time::Duration;

use super::*;

/// Far more than inotify needs; only a broken watcher waits this long.
const PATIENCE: Duration = Duration::from_secs(10);

#[tokio::test]
async fn a_note_written_into_the_inbox_wakes_the_worker() {
    let inbox = tempfile::tempdir().unwrap();
    let mut wakes = watch_inbox(inbox.path());
    std::fs::write(inbox.path().join("why-sky.md"), "hello").unwrap();
    tokio::time::timeout(PATIENCE, wakes.next_wake())
        .await
        .expect("a write in the inbox is a wake-up");
}

#[tokio::test]
async fn a_note_renamed_into_the_inbox_wakes_the_worker() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    std::fs::create_dir(&inbox).unwrap();
    let staged = dir.path().join(".syncthing.why-sky.md.tmp");
    std::fs::write(&staged, "hello").unwrap();
    let mut wakes = watch_inbox(&inbox);
    std::fs::rename(&staged, inbox.join("why-sky.md")).unwrap();
    tokio::time::timeout(PATIENCE, wakes.next_wake())
        .await
        .expect("a rename into the inbox is a wake-up");
}

#[tokio::test(start_paused = true)]
async fn without_a_watcher_there_is_never_a_wake() {
    let dir = tempfile::tempdir().unwrap();
    let mut wakes = watch_inbox(&dir.path().join("no-such-inbox"));
    let waited = tokio::time::timeout(Duration::from_secs(3600), wakes.next_wake()).await;
    assert!(waited.is_err(), "the timer alone drives the scans");
}

#[tokio::test]
async fn reading_the_inbox_as_a_scan_does_wakes_nothing() {
    let inbox = tempfile::tempdir().unwrap();
    std::fs::write(inbox.path().join("draft.md"), "still typing").unwrap();
    let mut wakes = watch_inbox(inbox.path());
    for _ in 0..3 {
        for entry in std::fs::read_dir(inbox.path()).unwrap() {
            std::fs::read_to_string(entry.unwrap().path()).unwrap();
        }
    }
    let waited = tokio::time::timeout(Duration::from_millis(300), wakes.next_wake()).await;
    assert!(
        waited.is_err(),
        "a scan's own reads must not wake the next scan"
    );
    std::fs::write(inbox.path().join("draft.md"), "done typing").unwrap();
    tokio::time::timeout(PATIENCE, wakes.next_wake())
        .await
        .expect("a write still wakes");
}
