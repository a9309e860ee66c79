//! Tests of opening the ledger and of its reads.

use super::*;
use crate::ledger::tests::claimed_job;
use crate::ledger::{Claim, Stage};

#[test]
fn opening_creates_the_file_under_a_missing_data_dir() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("worker/data");
    let ledger = Ledger::open(&data_dir).unwrap();
    assert!(data_dir.join("vault.redb").is_file());
    assert_eq!(ledger.counts().unwrap(), LedgerCounts::default());
    assert_eq!(ledger.get("nothing").unwrap(), None);
    assert_eq!(ledger.by_source("nothing.md").unwrap(), None);
    assert!(ledger.unfinished().unwrap().is_empty());
}

#[test]
fn a_ledger_already_open_is_named_as_in_use_by_another_worker() {
    let dir = tempfile::tempdir().unwrap();
    let _first = Ledger::open(dir.path()).unwrap();
    let Err(error) = Ledger::open(dir.path()) else {
        panic!("a second open of the same vault.redb succeeded");
    };
    assert!(matches!(error, LedgerError::InUse { .. }), "{error:?}");
    let message = error.to_string();
    assert!(
        message.contains("vault.redb is in use by another worker"),
        "{message}"
    );
    assert!(message.contains("another data_dir"), "{message}");
}

#[test]
fn a_data_dir_that_is_a_file_is_an_open_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("data");
    std::fs::write(&blocker, "not a directory").unwrap();
    let error = Ledger::open(&blocker).unwrap_err();
    assert!(matches!(error, LedgerError::Open { .. }), "{error:?}");
    assert!(error.to_string().contains("data/vault.redb"), "{error}");
}

#[test]
fn reopening_keeps_every_table() {
    let dir = tempfile::tempdir().unwrap();
    let mut filed = claimed_job("j2", "b.md", 20);
    {
        let ledger = Ledger::open(dir.path()).unwrap();
        ledger.claim(&claimed_job("j1", "a.md", 10)).unwrap();
        ledger.claim(&claimed_job("j2", "b.md", 20)).unwrap();
        filed.stage = Stage::Finished;
        ledger.advance(&filed).unwrap();
        ledger
            .record_conflict("a.sync-conflict-1.md", "s1", 30)
            .unwrap();
    }
    let ledger = Ledger::open(dir.path()).unwrap();
    assert_eq!(ledger.get("j2").unwrap(), Some(filed));
    assert_eq!(ledger.by_source("a.md").unwrap().unwrap().id, "j1");
    let unfinished: Vec<String> = ledger
        .unfinished()
        .unwrap()
        .into_iter()
        .map(|job| job.id)
        .collect();
    assert_eq!(unfinished, ["j1"]);
    assert!(
        ledger
            .conflict_handled("a.sync-conflict-1.md", "s1")
            .unwrap()
    );
    let counts = ledger.counts().unwrap();
    assert_eq!((counts.unfinished, counts.finished), (1, 1));
    // A claim after the restart still finds the one before it.
    assert!(matches!(
        ledger.claim(&claimed_job("j1", "a.md", 99)).unwrap(),
        Claim::Known(_)
    ));
}

#[test]
fn unfinished_lists_the_oldest_claim_first_whatever_the_ids() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = Ledger::open(dir.path()).unwrap();
    for (id, claimed_at_ms) in [("zz", -5), ("aa", 300), ("mm", 7), ("bb", 7)] {
        ledger
            .claim(&claimed_job(id, &format!("{id}.md"), claimed_at_ms))
            .unwrap();
    }
    let order: Vec<String> = ledger
        .unfinished()
        .unwrap()
        .into_iter()
        .map(|job| job.id)
        .collect();
    // Same claim time: by id.
    assert_eq!(order, ["zz", "bb", "mm", "aa"]);
}

#[test]
fn by_source_finds_the_last_job_claimed_from_a_name() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = Ledger::open(dir.path()).unwrap();
    ledger
        .claim(&claimed_job("first", "why-sky.md", 10))
        .unwrap();
    ledger
        .claim(&claimed_job("other", "why-sea.md", 15))
        .unwrap();
    ledger
        .claim(&claimed_job("second", "why-sky.md", 20))
        .unwrap();
    assert_eq!(
        ledger.by_source("why-sky.md").unwrap().unwrap().id,
        "second"
    );
    assert_eq!(ledger.by_source("why-sea.md").unwrap().unwrap().id, "other");
    // The first job is still there by id.
    assert_eq!(ledger.get("first").unwrap().unwrap().claimed_at_ms, 10);
}

#[test]
fn an_unreadable_record_is_corrupt_naming_the_job_and_file() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = Ledger::open(dir.path()).unwrap();
    let transaction = ledger.database.begin_write().unwrap();
    transaction
        .open_table(JOBS)
        .unwrap()
        .insert("broken", "{not json")
        .unwrap();
    transaction.commit().unwrap();
    let error = ledger.get("broken").unwrap_err();
    assert!(matches!(error, LedgerError::Corrupt { .. }), "{error:?}");
    let message = error.to_string();
    assert!(message.contains("vault.redb"), "{message}");
    assert!(message.contains("record for broken"), "{message}");
}

#[test]
fn counts_of_a_large_ledger_come_from_table_lengths() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = Ledger::open(dir.path()).unwrap();
    // Written in one transaction to keep the test quick; the counts read only lengths.
    let transaction = ledger.database.begin_write().unwrap();
    {
        let mut jobs = transaction.open_table(JOBS).unwrap();
        let mut unfinished = transaction.open_table(UNFINISHED).unwrap();
        for index in 0..2_000_i64 {
            let mut job = claimed_job(&format!("j{index:05}"), "a.md", index);
            job.stage = if index % 4 == 0 {
                Stage::Moved
            } else {
                Stage::Finished
            };
            let json = serde_json::to_string(&job).unwrap();
            jobs.insert(job.id.as_str(), json.as_str()).unwrap();
            if job.stage != Stage::Finished {
                unfinished.insert((index, job.id.as_str()), ()).unwrap();
            }
        }
    }
    transaction.commit().unwrap();
    let counts = ledger.counts().unwrap();
    assert_eq!((counts.unfinished, counts.finished), (500, 1_500));
    assert_eq!(ledger.unfinished().unwrap().len(), 500);
}
