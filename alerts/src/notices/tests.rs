//! A notice is committed once per key: again in the same run, and again after the outbox is
//! reopened (a worker restarted after a crash), while another key still goes through.

use std::sync::Arc;

use tokio::sync::Notify;

use super::Notices;
use crate::alert::{Alert, AlertKind, Severity};
use crate::counters::AlertCounters;
use crate::outbox::{AlertStore, DEFAULT_HISTORY_LIMIT, RedbOutbox};
use crate::time_text::Clock;

fn vault_alert(title: &str) -> Alert {
    Alert {
        kind: AlertKind::VaultJobFinished,
        severity: Severity::Resolved,
        node: None,
        title: title.to_owned(),
        description: "summarize on qwen2.5:14b".to_owned(),
        fields: Vec::new(),
        occurred_at_ms: 1,
    }
}

fn notices_over(store: &Arc<dyn AlertStore>) -> (Notices, Arc<Notify>, Arc<AlertCounters>) {
    let wake = Arc::new(Notify::new());
    let counters = Arc::new(AlertCounters::default());
    let notices = Notices::new(
        store.clone(),
        wake.clone(),
        counters.clone(),
        Clock::start(),
    );
    (notices, wake, counters)
}

fn titles(store: &dyn AlertStore) -> Vec<String> {
    let mut titles: Vec<String> = store
        .recent(100)
        .unwrap()
        .into_iter()
        .map(|entry| entry.alert.title)
        .collect();
    titles.reverse();
    titles
}

#[tokio::test]
async fn a_key_is_committed_once_even_after_the_outbox_is_reopened() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store: Arc<dyn AlertStore> =
            Arc::new(RedbOutbox::open(dir.path(), DEFAULT_HISTORY_LIMIT).unwrap());
        let (notices, wake, counters) = notices_over(&store);
        assert!(
            notices
                .send("job-1/finished", vault_alert("done 1"))
                .unwrap()
        );
        // The sender is woken (a stored permit: it was not waiting yet).
        tokio::time::timeout(std::time::Duration::from_secs(1), wake.notified())
            .await
            .unwrap();
        let again = notices.clone();
        assert!(
            !again
                .send("job-1/finished", vault_alert("done 1 again"))
                .unwrap()
        );
        assert_eq!(counters.snapshot().raised, 1);
        assert_eq!(titles(store.as_ref()), ["done 1"]);
    }
    let store: Arc<dyn AlertStore> =
        Arc::new(RedbOutbox::open(dir.path(), DEFAULT_HISTORY_LIMIT).unwrap());
    let (notices, _wake, counters) = notices_over(&store);
    assert!(
        !notices
            .send("job-1/finished", vault_alert("done 1 after a crash"))
            .unwrap()
    );
    assert!(
        notices
            .send("job-1/conflict", vault_alert("edited after its claim"))
            .unwrap()
    );
    assert_eq!(counters.snapshot().raised, 1);
    assert_eq!(titles(store.as_ref()), ["done 1", "edited after its claim"]);
    let undelivered = store.undelivered(10).unwrap();
    assert_eq!(undelivered.len(), 2, "both wait for the sender");
    assert_eq!(undelivered[1].alert.kind, AlertKind::VaultJobFinished);
}
