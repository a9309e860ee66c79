//! The table of cases of `decide`, then notes in a temp dir looked at through the settle
//! window at injected times, as the worker's loop will.

use std::path::Path;
use std::time::Duration;

use super::*;
use crate::ledger::Stage;
use crate::settle::{Settler, fingerprint};

const SHA_CLAIMED: &str = "c1";
const SHA_EDITED: &str = "e2";

fn entry(kind: NameKind, status: NoteStatus, sha256: &str) -> InboxEntry {
    InboxEntry {
        name: "why-sky.md".to_owned(),
        kind,
        print: Fingerprint {
            bytes: 42,
            modified_ms: 1_000,
            sha256: sha256.to_owned(),
        },
        status,
        note_id: None,
    }
}

fn claimed_job(content_sha256: &str) -> VaultJob {
    VaultJob {
        id: "j7k2m9q4x1".to_owned(),
        source_name: "why-sky.md".to_owned(),
        content_sha256: content_sha256.to_owned(),
        claimed_at_ms: 500,
        stage: Stage::Filed,
        job_type: None,
        model: "qwen2.5:14b".to_owned(),
        notify_discord: false,
        processing_name: "why-sky.md".to_owned(),
        cluster_job_id: None,
        outcome: None,
        result_path: None,
        filed_name: None,
        reason: String::new(),
    }
}

const WAITING: Settling = Settling::Waiting {
    since_ms: 1_000,
    ready_at_ms: 16_000,
};
const WAIT: Decision = Decision::Wait {
    ready_at_ms: 16_000,
};

fn stray() -> Decision {
    Decision::Stray {
        claimed_id: "j7k2m9q4x1".to_owned(),
    }
}

fn edited() -> Decision {
    Decision::EditedAfterClaim {
        claimed_id: "j7k2m9q4x1".to_owned(),
    }
}

/// (case, name kind, status, content hash, the ledger's job for the note, settling, decision)
type Case<'a> = (
    &'a str,
    NameKind,
    NoteStatus,
    &'a str,
    Option<&'a VaultJob>,
    Settling,
    Decision,
);

#[test]
fn the_table_of_cases() {
    use NameKind::{Candidate, Ignored, SyncConflict};
    use NoteStatus::{Draft, Other, Submitted};
    let done = || Other("done".to_owned());
    let claimed = claimed_job(SHA_CLAIMED);
    let settled = Settling::Settled;
    #[rustfmt::skip]
    let cases: Vec<Case> = vec![
        ("ignored, even settled and submitted", Ignored("dot-file"), Submitted, SHA_CLAIMED, None, settled, Decision::Ignore),
        ("ignored, even still changing", Ignored("not markdown"), Submitted, SHA_CLAIMED, None, WAITING, Decision::Ignore),
        ("ignored, even claimed", Ignored("temp file"), Submitted, SHA_CLAIMED, Some(&claimed), settled, Decision::Ignore),
        ("a submitted note still changing waits", Candidate, Submitted, SHA_CLAIMED, None, WAITING, WAIT),
        ("a draft still changing waits", Candidate, Draft, SHA_CLAIMED, None, WAITING, WAIT),
        ("a claimed copy still changing waits", Candidate, Submitted, SHA_CLAIMED, Some(&claimed), WAITING, WAIT),
        ("a sync-conflict copy still changing waits", SyncConflict, Submitted, SHA_CLAIMED, None, WAITING, WAIT),
        ("a settled sync-conflict copy", SyncConflict, Submitted, SHA_CLAIMED, None, settled, Decision::SyncConflict),
        ("a sync-conflict copy of a claimed job", SyncConflict, Submitted, SHA_CLAIMED, Some(&claimed), settled, Decision::SyncConflict),
        ("a sync-conflict copy of a draft", SyncConflict, Draft, SHA_CLAIMED, None, settled, Decision::SyncConflict),
        ("claimed and unchanged", Candidate, Submitted, SHA_CLAIMED, Some(&claimed), settled, stray()),
        ("claimed and unchanged, status rewritten", Candidate, done(), SHA_CLAIMED, Some(&claimed), settled, stray()),
        ("claimed, then edited", Candidate, Submitted, SHA_EDITED, Some(&claimed), settled, edited()),
        ("claimed, then edited into a draft", Candidate, Draft, SHA_EDITED, Some(&claimed), settled, edited()),
        ("claimed, then edited to another status", Candidate, done(), SHA_EDITED, Some(&claimed), settled, edited()),
        ("a settled draft", Candidate, Draft, SHA_CLAIMED, None, settled, Decision::Draft),
        ("a settled note of another status", Candidate, done(), SHA_CLAIMED, None, settled, Decision::Draft),
        ("a settled submitted note", Candidate, Submitted, SHA_CLAIMED, None, settled, Decision::Take),
    ];
    for (case, kind, status, sha, claimed, settling, expected) in cases {
        let decision = decide(&entry(kind, status, sha), claimed, settling);
        assert_eq!(decision, expected, "{case}");
    }
}

#[test]
fn the_claimed_job_is_named_whatever_the_copy_is_called() {
    let mut copy = entry(NameKind::Candidate, NoteStatus::Submitted, SHA_CLAIMED);
    // Found through its `id:` under another name: still the same claimed job.
    copy.name = "why-sky (copy).md".to_owned();
    copy.note_id = Some("j7k2m9q4x1".to_owned());
    let claimed = claimed_job(SHA_CLAIMED);
    assert_eq!(decide(&copy, Some(&claimed), Settling::Settled), stray());
}

/// The worker's look at one file: its fingerprint through the settle window at `now_ms`.
/// The status stands in for the parser (another module's): `status: submitted` or a draft.
fn look(settler: &mut Settler, path: &Path, now_ms: i64) -> (InboxEntry, Settling) {
    let (print, text) = fingerprint(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let settling = settler.observe(&name, &print, now_ms);
    let status = if text.contains("\nstatus: submitted\n") {
        NoteStatus::Submitted
    } else {
        NoteStatus::Draft
    };
    let kind = if name.contains(".sync-conflict-") {
        NameKind::SyncConflict
    } else {
        NameKind::Candidate
    };
    let entry = InboxEntry {
        name,
        kind,
        print,
        status,
        note_id: None,
    };
    (entry, settling)
}

fn decide_at(settler: &mut Settler, path: &Path, claimed: Option<&VaultJob>, now: i64) -> Decision {
    let (entry, settling) = look(settler, path, now);
    decide(&entry, claimed, settling)
}

const DRAFT: &str = "---\ntype: chat\nmodel: qwen2.5:14b\nstatus: draft\n---\nWhy is the sky";
const SUBMITTED: &str =
    "---\ntype: chat\nmodel: qwen2.5:14b\nstatus: submitted\n---\nWhy is the sky blue?";

#[test]
fn a_draft_that_becomes_submitted_is_taken_once_it_settles_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("why-sky.md");
    let mut settler = Settler::new(Duration::from_secs(15));
    std::fs::write(&path, DRAFT).unwrap();
    let draft_wait = Decision::Wait {
        ready_at_ms: 15_000,
    };
    assert_eq!(decide_at(&mut settler, &path, None, 0), draft_wait);
    assert_eq!(
        decide_at(&mut settler, &path, None, 15_000),
        Decision::Draft
    );
    std::fs::write(&path, SUBMITTED).unwrap();
    let submitted_wait = Decision::Wait {
        ready_at_ms: 35_000,
    };
    assert_eq!(decide_at(&mut settler, &path, None, 20_000), submitted_wait);
    assert_eq!(decide_at(&mut settler, &path, None, 34_999), submitted_wait);
    assert_eq!(decide_at(&mut settler, &path, None, 35_000), Decision::Take);
}

#[test]
fn a_note_saved_while_settling_waits_a_whole_window_from_its_last_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("why-sky.md");
    let mut settler = Settler::new(Duration::from_secs(15));
    std::fs::write(&path, &SUBMITTED[..60]).unwrap();
    decide_at(&mut settler, &path, None, 0);
    std::fs::write(&path, SUBMITTED).unwrap();
    let wait = Decision::Wait {
        ready_at_ms: 25_000,
    };
    assert_eq!(decide_at(&mut settler, &path, None, 10_000), wait);
    assert_eq!(decide_at(&mut settler, &path, None, 25_000), Decision::Take);
}

#[test]
fn a_resurrected_note_is_a_stray_unchanged_and_a_conflict_once_edited() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("why-sky.md");
    std::fs::write(&path, SUBMITTED).unwrap();
    let (print, _) = fingerprint(&path).unwrap();
    let claimed = claimed_job(&print.sha256);
    let mut settler = Settler::new(Duration::from_secs(15));
    decide_at(&mut settler, &path, Some(&claimed), 0);
    assert_eq!(
        decide_at(&mut settler, &path, Some(&claimed), 15_000),
        stray()
    );
    std::fs::write(&path, format!("{SUBMITTED}\nAnd at sunset?")).unwrap();
    let wait = Decision::Wait {
        ready_at_ms: 35_000,
    };
    assert_eq!(decide_at(&mut settler, &path, Some(&claimed), 20_000), wait);
    assert_eq!(
        decide_at(&mut settler, &path, Some(&claimed), 35_000),
        edited()
    );
}

#[test]
fn a_sync_conflict_copy_of_a_submitted_note_is_never_taken() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir
        .path()
        .join("why-sky.sync-conflict-20261202-170525-DRYE65A.md");
    std::fs::write(&path, SUBMITTED).unwrap();
    let mut settler = Settler::new(Duration::from_secs(15));
    let wait = Decision::Wait {
        ready_at_ms: 15_000,
    };
    assert_eq!(decide_at(&mut settler, &path, None, 0), wait);
    assert_eq!(
        decide_at(&mut settler, &path, None, 15_000),
        Decision::SyncConflict
    );
}
