//! The embedded store on a real file in a temp directory: schema, notes and full text, vectors,
//! graph.

mod graph;
mod text;
mod vectors;

use std::path::PathBuf;

use tempfile::TempDir;

use super::{MemoryDb, StoreError};
use crate::ChunkId;
use crate::note::{ChunkDraft, ParsedNote};

/// A store in a fresh temp dir (kept alive by the returned guard).
pub(super) fn temp_db() -> (TempDir, MemoryDb) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = MemoryDb::open(&dir.path().join("memory.sqlite")).expect("open store");
    (dir, db)
}

/// A note at `path` whose chunks are `passages`, one line each.
pub(super) fn note(path: &str, passages: &[&str]) -> ParsedNote {
    let chunks = passages
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let ordinal = u32::try_from(i).expect("few chunks");
            ChunkDraft {
                id: ChunkId::of(path, ordinal, text),
                ordinal,
                headings: vec![format!("H{i}")],
                text: (*text).to_owned(),
                line_start: ordinal + 1,
                line_end: ordinal + 1,
            }
        })
        .collect();
    ParsedNote {
        path: path.to_owned(),
        title: path.trim_end_matches(".md").to_owned(),
        content_hash: String::new(),
        modified_ms: 1_000,
        date_ms: None,
        aliases: vec!["alias".to_owned()],
        properties: Vec::new(),
        tags: Vec::new(),
        links: Vec::new(),
        chunks,
        warnings: Vec::new(),
    }
}

#[test]
fn a_store_reopens_and_a_newer_schema_is_refused_with_the_reason() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path: PathBuf = dir.path().join("memory.sqlite");
    let db = MemoryDb::open(&path).expect("create");
    db.write_note(&note("a.md", &["alpha"]), "alpha", "h1", 5)
        .expect("write");
    drop(db);
    let db = MemoryDb::open(&path).expect("reopen");
    assert_eq!(
        db.note_hashes()
            .expect("hashes")
            .get("a.md")
            .map(String::as_str),
        Some("h1")
    );
    drop(db);
    let conn = rusqlite::Connection::open(&path).expect("raw open");
    conn.pragma_update(None, "user_version", 99)
        .expect("bump version");
    drop(conn);
    let error = MemoryDb::open(&path).expect_err("a newer schema is refused");
    assert!(
        matches!(error, StoreError::Schema { found: 99, .. }),
        "{error}"
    );
    assert!(error.to_string().contains("rebuild"), "{error}");
}

#[test]
fn a_note_round_trips_and_a_deleted_one_keeps_its_row() {
    let (_dir, db) = temp_db();
    let parsed = note("dir/n.md", &["one", "two"]);
    db.write_note(&parsed, "one\ntwo\n", "hash", 7)
        .expect("write");
    let stored = db.note("dir/n.md").expect("read").expect("stored");
    assert_eq!(
        (stored.title.as_str(), stored.content.as_str()),
        ("dir/n", "one\ntwo\n")
    );
    assert_eq!(stored.aliases, vec!["alias".to_owned()]);
    assert_eq!(db.status().expect("status").chunks_pending, 2);
    let gone = db
        .delete_notes(&["dir/n.md".to_owned()], 9)
        .expect("delete");
    assert_eq!(gone.len(), 2);
    let stored = db.note("dir/n.md").expect("read").expect("kept");
    assert_eq!(stored.deleted_ms, Some(9));
    let status = db.status().expect("status");
    assert_eq!(
        (status.notes, status.deleted_notes, status.chunks),
        (0, 1, 0)
    );
    assert!(status.file_bytes > 0);
}
