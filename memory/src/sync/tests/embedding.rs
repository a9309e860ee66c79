//! Embedding during a sync: a rejected job leaves chunks pending with the reason and the next
//! sync embeds exactly those; another space is refused, never mixed; rebuild starts over;
//! progress is told.

use std::sync::{Arc, Mutex};

use super::{Fixture, HashEmbedder, RejectingEmbedder, three_notes};
use crate::embed::EmbeddingSpace;
use crate::sync::{SyncOptions, SyncPhase};

#[tokio::test]
async fn a_rejected_embed_leaves_chunks_pending_and_the_next_sync_embeds_exactly_those() {
    let fixture = Fixture::new();
    three_notes(&fixture);
    let rejected = fixture.sync_at(1_000, &RejectingEmbedder).await;
    assert_eq!(rejected.added, 3, "the sync itself went on");
    assert_eq!(rejected.chunks_embedded, 0);
    let chunks = fixture.targets.db.status().expect("status").chunks;
    assert_eq!(rejected.chunks_pending, chunks);
    assert!(
        rejected
            .pending_reason
            .contains("no node can run test-embed now"),
        "{rejected:?}"
    );
    assert_eq!(rejected.pending_notes, ["a.md", "b.md", "c.md"]);
    let embedder = HashEmbedder::new("hash", 16);
    let retried = fixture.sync_at(2_000, &embedder).await;
    assert_eq!(retried.unchanged, 3);
    assert_eq!(retried.chunks_embedded, chunks);
    assert_eq!(
        embedder.texts.load(std::sync::atomic::Ordering::SeqCst) as u64,
        chunks
    );
    assert_eq!(
        (retried.chunks_pending, retried.pending_reason.as_str()),
        (0, "")
    );
    assert!(retried.pending_notes.is_empty());
    assert_eq!(fixture.targets.vectors.count().expect("count"), chunks);
}

#[tokio::test]
async fn vectors_of_another_space_are_refused_and_never_mixed() {
    let fixture = Fixture::new();
    three_notes(&fixture);
    fixture
        .sync_at(1_000, &HashEmbedder::new("first", 16))
        .await;
    let count = fixture.targets.vectors.count().expect("count");
    fixture.write("d.md", "# Delta\n\nDelta passage.\n");
    let refused = fixture
        .sync_at(2_000, &HashEmbedder::new("second", 8))
        .await;
    assert_eq!(refused.added, 1);
    assert!(refused.chunks_pending >= 1, "{refused:?}");
    assert!(
        refused.pending_reason.contains("refusing to mix"),
        "{refused:?}"
    );
    assert_eq!(refused.pending_notes, ["d.md"]);
    assert_eq!(fixture.targets.vectors.count().expect("count"), count);
    let space = fixture.targets.vectors.space().expect("space");
    assert_eq!(
        space,
        Some(EmbeddingSpace {
            model: "first".to_owned(),
            dimension: 16
        })
    );
}

#[tokio::test]
async fn a_rebuild_rereads_every_note_and_reembeds_in_the_new_space() {
    let fixture = Fixture::new();
    three_notes(&fixture);
    fixture
        .sync_at(1_000, &HashEmbedder::new("first", 16))
        .await;
    let chunks = fixture.targets.db.status().expect("status").chunks;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let options = SyncOptions {
        rebuild: true,
        now_ms: Some(2_000),
        batch_size: 1,
        progress: Some(Arc::new(move |p| log.lock().expect("log").push(p))),
    };
    let report = fixture
        .sync_with(&options, &HashEmbedder::new("second", 8))
        .await;
    assert_eq!((report.changed, report.unchanged), (3, 0));
    assert_eq!((report.chunks_embedded, report.chunks_pending), (chunks, 0));
    let space = fixture
        .targets
        .vectors
        .space()
        .expect("space")
        .expect("some");
    assert_eq!(space.model, "second");
    let seen = seen.lock().expect("log");
    let embedding: Vec<u64> = seen
        .iter()
        .filter(|p| p.phase == SyncPhase::Embedding)
        .map(|p| p.chunks_embedded)
        .collect();
    assert_eq!(
        embedding,
        (1..=chunks).collect::<Vec<_>>(),
        "one batch at a time"
    );
    assert!(
        seen.iter()
            .any(|p| p.phase == SyncPhase::Scanning && p.notes_done == 3 && p.notes_total == 3)
    );
    assert!(
        seen.iter()
            .any(|p| p.phase == SyncPhase::Indexing && p.notes_done == 3)
    );
    assert_eq!(seen.last().map(|p| p.phase.as_str()), Some("done"));
}
