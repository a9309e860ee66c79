//! One contract, run against both outbox stores: ids and order, the state machine as stored,
//! the alerter's state saved with the alerts, pruning, alerts handed over once per key, and a
//! restart of the redb file.

use super::{AlertStore, DeliveryState, MemoryOutbox, RedbOutbox, resume_interrupted};
use crate::alert::Alert;

fn alert(node: &str, title: &str) -> Alert {
    Alert::sample(node, title)
}

fn check_contract(store: &dyn AlertStore) {
    assert_eq!(store.alerter_state().unwrap(), None);
    let first = store
        .record(
            &[alert("davas", "a"), alert("homelab", "b")],
            Some("{\"v\":1}"),
            10,
        )
        .unwrap();
    let ids: Vec<u64> = first.iter().map(|entry| entry.id).collect();
    assert_eq!(ids, [1, 2]);
    assert!(
        first
            .iter()
            .all(|entry| entry.state == DeliveryState::Pending)
    );
    assert_eq!(store.alerter_state().unwrap().as_deref(), Some("{\"v\":1}"));

    // No alerts but a new state: the state alone is replaced.
    assert!(store.record(&[], Some("{\"v\":2}"), 11).unwrap().is_empty());
    assert_eq!(store.alerter_state().unwrap().as_deref(), Some("{\"v\":2}"));
    store.record(&[alert("davas", "c")], None, 12).unwrap();
    assert_eq!(store.alerter_state().unwrap().as_deref(), Some("{\"v\":2}"));

    let mut head = store.undelivered(10).unwrap();
    assert_eq!(head.len(), 3);
    assert_eq!(head[0].alert.title, "a", "oldest first");
    head[0].begin_attempt(20).unwrap();
    head[0].confirm(21, Some("m1".into())).unwrap();
    head[1].begin_attempt(20).unwrap();
    store.update(&head[..2]).unwrap();

    let undelivered = store.undelivered(10).unwrap();
    let titles: Vec<&str> = undelivered.iter().map(|e| e.alert.title.as_str()).collect();
    assert_eq!(titles, ["b", "c"]);
    assert_eq!(undelivered[0].state, DeliveryState::Sending);
    assert_eq!(undelivered[0].attempts, 1);
    assert_eq!(store.undelivered(1).unwrap().len(), 1);

    let recent = store.recent(2).unwrap();
    assert_eq!(recent[0].alert.title, "c", "newest first");
    assert_eq!(recent.len(), 2);
    let delivered = store.recent(10).unwrap().pop().unwrap();
    assert_eq!(delivered.state, DeliveryState::Delivered);
    assert_eq!(delivered.discord_message_id.as_deref(), Some("m1"));

    // A restart turns the interrupted `sending` back into `pending`.
    assert_eq!(resume_interrupted(store).unwrap(), 1);
    let resumed = store.undelivered(10).unwrap();
    assert!(resumed.iter().all(|e| e.state == DeliveryState::Pending));
    assert!(resumed[0].last_error.as_deref().unwrap().contains("again"));
}

fn check_pruning(store: &dyn AlertStore) {
    // History limit 3: finished entries older than the newest three go, unfinished ones stay.
    let entries = store
        .record(
            &[alert("n", "1"), alert("n", "2"), alert("n", "3")],
            None,
            1,
        )
        .unwrap();
    let mut finished = entries[1].clone();
    finished.give_up(2, "refused".into()).unwrap();
    store.update(&[finished]).unwrap();
    store
        .record(
            &[alert("n", "4"), alert("n", "5"), alert("n", "6")],
            None,
            3,
        )
        .unwrap();
    let titles: Vec<String> = store
        .recent(100)
        .unwrap()
        .into_iter()
        .map(|entry| entry.alert.title)
        .collect();
    assert_eq!(
        titles,
        ["6", "5", "4", "3", "1"],
        "finished entry 2 was pruned"
    );
    let next = store.record(&[alert("n", "7")], None, 4).unwrap();
    assert_eq!(next[0].id, 7, "ids keep increasing");
}

fn check_record_once(store: &dyn AlertStore) {
    // History limit 1: only the newest finished entry is kept.
    let first = store
        .record_once("job-1/finished", &alert("", "job 1"), 1)
        .unwrap()
        .expect("a new key is recorded");
    assert_eq!((first.id, first.state), (1, DeliveryState::Pending));
    assert!(
        store
            .record_once("job-1/finished", &alert("", "job 1 again"), 2)
            .unwrap()
            .is_none(),
        "a key is recorded once"
    );
    assert_eq!(store.undelivered(10).unwrap().len(), 1);
    // Cluster alerts and keyed alerts share one sequence of ids.
    assert_eq!(
        store.record(&[alert("davas", "lost")], None, 3).unwrap()[0].id,
        2
    );
    let mut delivered = store.undelivered(10).unwrap();
    for entry in &mut delivered {
        entry.begin_attempt(4).unwrap();
        entry.confirm(5, None).unwrap();
    }
    store.update(&delivered).unwrap();
    let third = store
        .record_once("job-2/failed", &alert("", "job 2"), 6)
        .unwrap()
        .expect("another key is recorded");
    assert_eq!(third.id, 3);
    let kept: Vec<u64> = store.recent(10).unwrap().iter().map(|e| e.id).collect();
    assert_eq!(kept, [3], "the delivered entries were pruned");
    assert!(
        store
            .record_once("job-1/finished", &alert("", "job 1 once more"), 7)
            .unwrap()
            .is_none(),
        "the key outlives its pruned entry"
    );
}

#[test]
fn the_memory_store_keeps_the_contract() {
    check_contract(&MemoryOutbox::new(100));
    check_pruning(&MemoryOutbox::new(3));
    check_record_once(&MemoryOutbox::new(1));
}

#[test]
fn the_redb_store_keeps_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    check_contract(&RedbOutbox::open(dir.path(), 100).unwrap());
    let other = tempfile::tempdir().unwrap();
    check_pruning(&RedbOutbox::open(other.path(), 3).unwrap());
    let third = tempfile::tempdir().unwrap();
    check_record_once(&RedbOutbox::open(third.path(), 1).unwrap());
}

#[test]
fn the_redb_store_keeps_everything_across_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = RedbOutbox::open(dir.path(), 100).unwrap();
        let mut entries = store
            .record(&[alert("davas", "lost")], Some("{\"lost\":[\"davas\"]}"), 5)
            .unwrap();
        entries[0].begin_attempt(6).unwrap();
        store.update(&entries).unwrap();
    }
    let store = RedbOutbox::open(dir.path(), 100).unwrap();
    assert_eq!(
        store.alerter_state().unwrap().as_deref(),
        Some("{\"lost\":[\"davas\"]}")
    );
    let undelivered = store.undelivered(10).unwrap();
    assert_eq!(undelivered.len(), 1);
    assert_eq!(undelivered[0].state, DeliveryState::Sending);
    assert_eq!(undelivered[0].attempts, 1);
    assert!(dir.path().join("alerts.redb").exists());
}
