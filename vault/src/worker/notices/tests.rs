//! Handing notices over: to the notifier when there is one, a refusal kept as the last error.

use std::sync::Arc;

use super::*;
use crate::worker::notice::NoticeKind;
use crate::worker::shared::tests::{RecordingNotifier, TestWorker};

fn notice() -> Notice {
    Notice {
        kind: NoticeKind::JobSucceeded,
        title: "Vault job done: why-sky".to_owned(),
        description: "Result: [[Runner/results/x]]".to_owned(),
        fields: Vec::new(),
        at_ms: 1,
    }
}

#[tokio::test]
async fn a_notice_reaches_the_notifier_with_its_key() {
    let notifier = Arc::new(RecordingNotifier::default());
    let worker = TestWorker::with_notifier(Some(notifier.clone()));
    hand_over(&worker.shared, "vault-job:j1", notice());
    let sent = notifier.sent.lock().unwrap().clone();
    assert_eq!(sent, [("vault-job:j1".to_owned(), notice())]);
    assert_eq!(worker.shared.status.snapshot().last_error, None);
}

#[tokio::test]
async fn a_refused_notice_is_the_last_error_not_a_failure() {
    let notifier = Arc::new(RecordingNotifier {
        refuse: true,
        ..RecordingNotifier::default()
    });
    let worker = TestWorker::with_notifier(Some(notifier));
    hand_over(&worker.shared, "vault-job:j1", notice());
    let error = worker
        .shared
        .status
        .snapshot()
        .last_error
        .unwrap_or_default();
    assert!(error.contains("the outbox is closed"), "{error}");
}

#[tokio::test]
async fn without_a_notifier_nothing_happens() {
    let worker = TestWorker::new();
    hand_over(&worker.shared, "vault-job:j1", notice());
    assert_eq!(worker.shared.status.snapshot().last_error, None);
}
