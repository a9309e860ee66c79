//! What a sync changes: nothing the second time, an edit's old chunks and dropped links, a
//! deletion, skipped files, a vanished vault.

use super::{Fixture, HashEmbedder, three_notes};
use crate::graph::{AsOf, Edge, NodeKey, NodeKind};
use crate::sync::{SyncError, SyncOptions, sync_vault};
use crate::text_index::TextIndex;
use crate::vault::MAX_NOTE_BYTES;

fn note(name: &str) -> NodeKey {
    NodeKey {
        kind: NodeKind::Note,
        name: name.to_owned(),
    }
}

/// Note-to-note targets of `from`'s edges that hold at `at_ms`.
fn links_from(fixture: &Fixture, from: &str, at_ms: i64) -> Vec<String> {
    let edges: Vec<Edge> = fixture
        .targets
        .graph
        .edges(&note(from), AsOf::now(at_ms))
        .expect("edges");
    let mut targets: Vec<String> = edges
        .into_iter()
        .filter(|edge| edge.from == note(from) && edge.to.kind == NodeKind::Note)
        .map(|edge| edge.to.name)
        .collect();
    targets.sort();
    targets
}

#[tokio::test]
async fn a_second_sync_changes_and_embeds_nothing() {
    let fixture = Fixture::new();
    three_notes(&fixture);
    let embedder = HashEmbedder::new("hash", 16);
    let first = fixture.sync_at(1_000, &embedder).await;
    assert_eq!(
        (first.notes, first.added, first.changed, first.deleted),
        (3, 3, 0, 0)
    );
    assert!(first.chunks_embedded >= 3, "{first:?}");
    assert_eq!(first.chunks_pending, 0);
    let texts = embedder.texts.load(std::sync::atomic::Ordering::SeqCst);
    let second = fixture.sync_at(2_000, &embedder).await;
    assert_eq!(
        (
            second.unchanged,
            second.added,
            second.changed,
            second.deleted
        ),
        (3, 0, 0, 0)
    );
    assert_eq!((second.chunks_embedded, second.chunks_pending), (0, 0));
    assert_eq!(
        embedder.texts.load(std::sync::atomic::Ordering::SeqCst),
        texts
    );
    assert_eq!(links_from(&fixture, "a.md", 2_500), ["b.md", "c.md"]);
    let status = fixture.targets.db.status().expect("status");
    assert_eq!(status.last_sync_ms, Some(2_000));
}

#[tokio::test]
async fn an_edit_drops_old_chunks_and_expires_the_removed_link() {
    let fixture = Fixture::new();
    three_notes(&fixture);
    let embedder = HashEmbedder::new("hash", 16);
    fixture.sync_at(1_000, &embedder).await;
    assert_eq!(
        fixture
            .targets
            .db
            .full_text("zebra", 5)
            .expect("search")
            .len(),
        1
    );
    fixture.write("a.md", "# Alpha\n\nAlpha giraffe passage.\n\nSee [[b]].\n");
    let report = fixture.sync_at(2_000, &embedder).await;
    assert_eq!((report.changed, report.unchanged), (1, 2));
    assert!(
        fixture
            .targets
            .db
            .full_text("zebra", 5)
            .expect("search")
            .is_empty()
    );
    assert_eq!(
        fixture
            .targets
            .db
            .full_text("giraffe", 5)
            .expect("search")
            .len(),
        1
    );
    assert_eq!(
        links_from(&fixture, "a.md", 1_500),
        ["b.md", "c.md"],
        "as known before the edit"
    );
    assert_eq!(links_from(&fixture, "a.md", 2_500), ["b.md"], "now");
    assert_eq!(report.chunks_pending, 0);
}

#[tokio::test]
async fn a_deleted_note_is_marked_deleted_and_its_edges_expire() {
    let fixture = Fixture::new();
    three_notes(&fixture);
    let embedder = HashEmbedder::new("hash", 16);
    fixture.sync_at(1_000, &embedder).await;
    let vectors_before = fixture.targets.vectors.count().expect("count");
    fixture.remove("c.md");
    let report = fixture.sync_at(2_000, &embedder).await;
    assert_eq!((report.notes, report.deleted), (2, 1));
    let stored = fixture
        .targets
        .db
        .note("c.md")
        .expect("read")
        .expect("row kept");
    assert_eq!(stored.deleted_ms, Some(2_000));
    assert!(
        fixture
            .targets
            .db
            .full_text("charlie", 5)
            .expect("search")
            .is_empty()
    );
    assert!(fixture.targets.vectors.count().expect("count") < vectors_before);
    assert_eq!(links_from(&fixture, "c.md", 1_500), ["a.md"]);
    assert!(links_from(&fixture, "c.md", 2_500).is_empty());
    assert_eq!(
        links_from(&fixture, "a.md", 2_500),
        ["b.md"],
        "a's link to c no longer resolves"
    );
}

#[tokio::test]
async fn unreadable_files_are_skipped_with_the_reason() {
    let fixture = Fixture::new();
    three_notes(&fixture);
    fixture.write("bad.md", [b'o', b'k', 0xff, 0xfe]);
    let too_large = usize::try_from(MAX_NOTE_BYTES).expect("fits") + 1;
    fixture.write("huge.md", vec![b'x'; too_large]);
    let report = fixture.sync_at(1_000, &HashEmbedder::new("hash", 16)).await;
    assert_eq!((report.notes, report.added), (5, 3));
    let reasons: Vec<(&str, &str)> = report
        .skipped
        .iter()
        .map(|s| (s.path.as_str(), s.reason.as_str()))
        .collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert_eq!(reasons[0].0, "bad.md");
    assert!(reasons[0].1.contains("UTF-8 at byte 2"), "{reasons:?}");
    assert_eq!(reasons[1].0, "huge.md");
    assert!(reasons[1].1.contains("larger than"), "{reasons:?}");
    assert!(fixture.targets.db.note("bad.md").expect("read").is_none());
}

#[tokio::test]
async fn a_vanished_vault_is_an_error_and_leaves_the_store_untouched() {
    let fixture = Fixture::new();
    three_notes(&fixture);
    let embedder = HashEmbedder::new("hash", 16);
    fixture.sync_at(1_000, &embedder).await;
    let before = fixture.targets.db.status().expect("status");
    std::fs::remove_dir_all(fixture.vault()).expect("remove vault");
    let options = SyncOptions {
        now_ms: Some(2_000),
        ..SyncOptions::default()
    };
    let error = sync_vault(&fixture.targets, fixture.vault(), &embedder, &options)
        .await
        .expect_err("no vault, no sync");
    assert!(matches!(error, SyncError::Vault(_)), "{error}");
    assert!(error.to_string().contains("does not exist"), "{error}");
    let after = fixture.targets.db.status().expect("status");
    assert_eq!(
        (after.notes, after.deleted_notes, after.last_sync_ms),
        (before.notes, 0, Some(1_000))
    );
}
