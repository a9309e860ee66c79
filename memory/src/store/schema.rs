//! The store's tables, and `PRAGMA user_version` so an older file is migrated and a newer one
//! refused with a clear message. The `vec0` table is made on the first vector upsert, when the
//! embedding width is known (see `vectors.rs`).

use std::path::Path;

use rusqlite::Connection;

use super::StoreError;

/// The schema this code writes.
pub(super) const VERSION: i64 = 1;

const V1: &str = "
CREATE TABLE notes (
    path TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    modified_ms INTEGER NOT NULL,
    date_ms INTEGER,
    aliases TEXT NOT NULL,     -- JSON array of strings
    properties TEXT NOT NULL,  -- JSON array of {key, values, line}
    tags TEXT NOT NULL,        -- JSON array of {tag, line}
    content TEXT NOT NULL,
    indexed_ms INTEGER NOT NULL,
    deleted_ms INTEGER
);
CREATE TABLE chunks (
    id INTEGER PRIMARY KEY,
    note TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    headings TEXT NOT NULL,    -- JSON array of strings
    text TEXT NOT NULL,
    line_start INTEGER NOT NULL,
    line_end INTEGER NOT NULL,
    embedded TEXT              -- the embedding space of its vector, NULL while pending
);
CREATE INDEX chunks_by_note ON chunks (note, line_start);
CREATE INDEX chunks_pending ON chunks (note) WHERE embedded IS NULL;
CREATE VIRTUAL TABLE chunk_fts USING fts5 (text, tokenize = 'porter unicode61');
CREATE TABLE nodes (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    UNIQUE (kind, name)
);
CREATE TABLE edges (
    id INTEGER PRIMARY KEY,
    from_node INTEGER NOT NULL REFERENCES nodes (id),
    kind TEXT NOT NULL,
    to_node INTEGER NOT NULL REFERENCES nodes (id),
    detail TEXT NOT NULL,
    line INTEGER NOT NULL,
    valid_from_ms INTEGER,
    valid_to_ms INTEGER,
    created_ms INTEGER NOT NULL,
    expired_ms INTEGER,
    model TEXT,
    confidence REAL,
    span_start INTEGER,
    span_end INTEGER
);
CREATE INDEX edges_from ON edges (from_node, expired_ms);
CREATE INDEX edges_to ON edges (to_node, expired_ms);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
";

/// Brings the file at `path` to `VERSION`, or refuses it.
pub(super) fn migrate(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if found > VERSION {
        return Err(StoreError::Schema {
            path: path.to_owned(),
            found,
            known: VERSION,
        });
    }
    if found == VERSION {
        return Ok(());
    }
    let tx = conn.transaction()?;
    // Version 0 is a new file; later versions add their steps here, each from the one before.
    tx.execute_batch(V1)?;
    tx.pragma_update(None, "user_version", VERSION)?;
    tx.commit()?;
    tracing::info!(path = %path.display(), from = found, to = VERSION, "memory store schema migrated");
    Ok(())
}
