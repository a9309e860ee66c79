//! Tests of the record of conflict copies handled.

use redb::ReadableTableMetadata;

use super::*;

#[test]
fn a_copy_is_handled_once_recorded_by_name_and_hash() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = Ledger::open(dir.path()).unwrap();
    let copy = "why-sky.sync-conflict-20261202-170525-DRYE65A.md";
    assert!(!ledger.conflict_handled(copy, "s1").unwrap());
    ledger.record_conflict(copy, "s1", 1_000).unwrap();
    assert!(ledger.conflict_handled(copy, "s1").unwrap());
    // The same name with other content, or the same content under another name, is new.
    assert!(!ledger.conflict_handled(copy, "s2").unwrap());
    assert!(!ledger.conflict_handled("why-sky.md", "s1").unwrap());
}

#[test]
fn recording_a_copy_again_keeps_the_later_time() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = Ledger::open(dir.path()).unwrap();
    ledger.record_conflict("a.md", "s1", 1_000).unwrap();
    ledger.record_conflict("a.md", "s1", 2_000).unwrap();
    let transaction = ledger.begin_read().unwrap();
    let table = transaction.open_table(CONFLICTS).unwrap();
    assert_eq!(table.get(("a.md", "s1")).unwrap().unwrap().value(), 2_000);
    assert_eq!(table.len().unwrap(), 1);
}

#[test]
fn handled_copies_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    Ledger::open(dir.path())
        .unwrap()
        .record_conflict("a.md", "s1", 1_000)
        .unwrap();
    let ledger = Ledger::open(dir.path()).unwrap();
    assert!(ledger.conflict_handled("a.md", "s1").unwrap());
}
