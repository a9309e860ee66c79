//! Memory in the terminal: where each hit is, why it was found, and what a sync left waiting.

use proto::v1::{
    MemoryHit, MemoryStatus, Retriever, RetrieverRank, SkippedNote, SyncProgress, SyncReport,
};

use super::{hits_text, progress_line, status_text, sync_report_text};

#[test]
fn a_hit_names_its_place_score_retrievers_path_and_passage() {
    let hit = MemoryHit {
        note: "Gov/Tiers.md".into(),
        title: "Tiers".into(),
        headings: vec!["Risk tiers".into(), "Tier 3".into()],
        line_start: 12,
        line_end: 20,
        score: 0.0325,
        text: "Tiers > Risk tiers > Tier 3\nTier 3 needs a human.\n\nReviewed monthly.".into(),
        found_by: vec![
            RetrieverRank {
                retriever: Retriever::FullText.into(),
                rank: 1,
                score: 7.21,
            },
            RetrieverRank {
                retriever: Retriever::Graph.into(),
                rank: 3,
                score: 0.5,
            },
        ],
        graph_path: vec!["Meetings/Oct.md".into(), "Gov/Tiers.md".into()],
    };
    assert_eq!(
        hits_text(&[hit]),
        "1. Gov/Tiers.md › Risk tiers › Tier 3, lines 12–20  score 0.0325\n   found by full_text #1 (7.210), graph #3 (0.500)\n   linked: Meetings/Oct.md → Gov/Tiers.md\n   │ Tier 3 needs a human.\n   │ Reviewed monthly.\n"
    );
    assert_eq!(hits_text(&[]), "no passage matched\n");
}

#[test]
fn a_sync_report_says_what_waits_for_vectors_and_why() {
    let report = SyncReport {
        notes: 118,
        added: 3,
        changed: 1,
        unchanged: 114,
        deleted: 0,
        chunks_embedded: 0,
        chunks_pending: 12,
        pending_reason:
            "the embed job for nomic-embed-text was rejected: contabo: model not installed".into(),
        pending_notes: vec!["a.md".into(), "b.md".into()],
        skipped: vec![SkippedNote {
            path: "x.md".into(),
            reason: "not UTF-8 at byte 12".into(),
        }],
        warnings: vec!["y.md: broken frontmatter at line 3".into()],
        duration_ms: 4200,
    };
    assert_eq!(
        sync_report_text(&report),
        "118 notes: 3 added, 1 changed, 114 unchanged, 0 deleted (4.2 s)\n0 passages embedded; 12 wait for vectors: the embed job for nomic-embed-text was rejected: contabo: model not installed\n  the next `runner memory sync` retries them; notes: a.md, b.md\nskipped x.md: not UTF-8 at byte 12\nwarning: y.md: broken frontmatter at line 3\n"
    );
    let progress = SyncProgress {
        phase: "embedding".into(),
        chunks_embedded: 64,
        chunks_to_embed: 800,
        ..SyncProgress::default()
    };
    assert_eq!(progress_line(&progress), "embedding 64/800 passages");
}

#[test]
fn the_status_reads_as_a_list_with_its_problems() {
    let status = MemoryStatus {
        vault: "/srv/vault".into(),
        vector_store: "qdrant at http://127.0.0.1:6334".into(),
        embed_model: "nomic-embed-text".into(),
        problems: vec!["qdrant at http://127.0.0.1:6334: connection refused".into()],
        ..MemoryStatus::default()
    };
    let text = status_text(&status);
    assert!(
        text.contains("vectors        qdrant at http://127.0.0.1:6334\n"),
        "{text}"
    );
    assert!(text.contains("(not fixed yet)"), "{text}");
    assert!(text.contains("last sync      never\n"), "{text}");
    assert!(
        text.ends_with("problem: qdrant at http://127.0.0.1:6334: connection refused\n"),
        "{text}"
    );
}
