//! Tests: The sync report in words.

use proto::v1::SkippedNote;

use super::*;

#[test]
fn the_report_reads_as_words_with_what_is_pending_and_why() {
    let report = SyncReport {
        notes: 116,
        added: 3,
        changed: 1,
        unchanged: 112,
        deleted: 0,
        chunks_embedded: 40,
        chunks_pending: 5,
        pending_reason: "the embed job was rejected: homelab: agent down".into(),
        pending_notes: vec!["Inbox/heron idea.md".into()],
        skipped: vec![SkippedNote {
            path: "big.md".into(),
            reason: "larger than 4 MiB".into(),
        }],
        warnings: vec!["broken frontmatter at line 3".into()],
        ..SyncReport::default()
    };
    assert_eq!(
        report_words(&report),
        "116 notes read: 3 added, 1 changed, 112 unchanged, 0 deleted; 40 passages embedded, 5 pending \
         (the embed job was rejected: homelab: agent down)\n\
         pending notes: Inbox/heron idea.md\n\
         skipped big.md: larger than 4 MiB\n\
         warning: broken frontmatter at line 3"
    );
}

#[test]
fn nothing_pending_says_so_plainly() {
    let report = SyncReport {
        notes: 2,
        unchanged: 2,
        ..SyncReport::default()
    };
    assert_eq!(
        report_words(&report),
        "2 notes read: 0 added, 0 changed, 2 unchanged, 0 deleted; 0 passages embedded, 0 pending"
    );
}
