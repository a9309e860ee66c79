//! Tests of claiming and advancing jobs.

use super::*;
use crate::ledger::tests::claimed_job;
use crate::result_note::Outcome;

fn ledger() -> (tempfile::TempDir, Ledger) {
    let dir = tempfile::tempdir().unwrap();
    let ledger = Ledger::open(dir.path()).unwrap();
    (dir, ledger)
}

fn unfinished_ids(ledger: &Ledger) -> Vec<String> {
    ledger
        .unfinished()
        .unwrap()
        .into_iter()
        .map(|job| job.id)
        .collect()
}

#[test]
fn a_claim_is_new_once_then_known_with_the_stored_record() {
    let (_dir, ledger) = ledger();
    let job = claimed_job("j1", "why-sky.md", 10);
    assert_eq!(ledger.claim(&job).unwrap(), Claim::New);
    assert_eq!(ledger.get("j1").unwrap(), Some(job.clone()));
    assert_eq!(ledger.by_source("why-sky.md").unwrap(), Some(job.clone()));
    // The same id again, even from another name and content: the first claim stands.
    let mut again = claimed_job("j1", "why-sky (2).md", 50);
    again.content_sha256 = "edited".to_owned();
    assert_eq!(ledger.claim(&again).unwrap(), Claim::Known(job.clone()));
    assert_eq!(ledger.get("j1").unwrap(), Some(job));
    assert_eq!(ledger.by_source("why-sky (2).md").unwrap(), None);
    assert_eq!(unfinished_ids(&ledger), ["j1"]);
}

#[test]
fn advancing_replaces_the_record_stage_by_stage() {
    let (_dir, ledger) = ledger();
    let mut job = claimed_job("j1", "why-sky.md", 10);
    ledger.claim(&job).unwrap();
    job.stage = Stage::Moved;
    ledger.advance(&job).unwrap();
    job.stage = Stage::Submitted;
    job.cluster_job_id = Some("01JDX8Q3ZK".to_owned());
    ledger.advance(&job).unwrap();
    // The same stage again (a field filled in) is allowed.
    job.reason = "noted".to_owned();
    ledger.advance(&job).unwrap();
    assert_eq!(ledger.get("j1").unwrap(), Some(job.clone()));
    assert_eq!(ledger.by_source("why-sky.md").unwrap(), Some(job));
}

#[test]
fn advancing_backwards_is_refused_as_a_bug_and_changes_nothing() {
    let (_dir, ledger) = ledger();
    let mut job = claimed_job("j1", "why-sky.md", 10);
    ledger.claim(&job).unwrap();
    job.stage = Stage::Ended;
    job.outcome = Some(Outcome::Failed);
    ledger.advance(&job).unwrap();
    let mut backwards = job.clone();
    backwards.stage = Stage::Submitted;
    backwards.reason = "should not be stored".to_owned();
    let error = ledger.advance(&backwards).unwrap_err();
    assert!(
        matches!(
            error,
            LedgerError::StageBackwards {
                stored: Stage::Ended,
                attempted: Stage::Submitted,
                ..
            }
        ),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(
        message.contains("refusing to move job j1 back"),
        "{message}"
    );
    assert!(message.contains("a bug in the worker"), "{message}");
    assert_eq!(ledger.get("j1").unwrap(), Some(job));
}

#[test]
fn advancing_a_job_never_claimed_is_refused() {
    let (_dir, ledger) = ledger();
    let error = ledger
        .advance(&claimed_job("ghost", "a.md", 1))
        .unwrap_err();
    assert!(matches!(error, LedgerError::Unknown { .. }), "{error:?}");
    assert_eq!(ledger.get("ghost").unwrap(), None);
    assert!(unfinished_ids(&ledger).is_empty());
}

#[test]
fn a_finished_job_leaves_the_unfinished_list_and_counts_as_finished() {
    let (_dir, ledger) = ledger();
    let mut first = claimed_job("j1", "a.md", 10);
    let second = claimed_job("j2", "b.md", 20);
    ledger.claim(&first).unwrap();
    ledger.claim(&second).unwrap();
    first.stage = Stage::Filed;
    ledger.advance(&first).unwrap();
    assert_eq!(unfinished_ids(&ledger), ["j1", "j2"]);
    first.stage = Stage::Finished;
    ledger.advance(&first).unwrap();
    assert_eq!(unfinished_ids(&ledger), ["j2"]);
    let counts = ledger.counts().unwrap();
    assert_eq!((counts.unfinished, counts.finished), (1, 1));
    // A finished job is still known: its note coming back is a stray, not a new job.
    assert_eq!(
        ledger.claim(&claimed_job("j1", "a.md", 30)).unwrap(),
        Claim::Known(first)
    );
}

#[test]
fn a_job_claimed_already_finished_is_never_unfinished() {
    let (_dir, ledger) = ledger();
    let mut job = claimed_job("j1", "a.md", 10);
    job.stage = Stage::Finished;
    ledger.claim(&job).unwrap();
    assert!(unfinished_ids(&ledger).is_empty());
    assert_eq!(ledger.counts().unwrap().finished, 1);
}
