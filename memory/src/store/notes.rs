//! A note's revision written in one transaction (its row, its chunks and their full text; chunks
//! it no longer has leave the index and the vectors), notes that left the vault marked deleted,
//! and what sync and GetNote read back.

use std::collections::HashMap;

use rusqlite::{Transaction, params};

use super::{MemoryDb, StoreError, codec};
use crate::ChunkId;
use crate::note::{ParsedNote, Property, Tagged};

/// A chunk without a vector yet.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingChunk {
    pub id: ChunkId,
    pub note: String,
    pub text: String,
}

/// A note as stored, for GetNote (its edges and backlinks come from the graph).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredNote {
    pub path: String,
    pub title: String,
    pub content_hash: String,
    pub modified_ms: i64,
    pub date_ms: Option<i64>,
    pub aliases: Vec<String>,
    pub properties: Vec<Property>,
    pub tags: Vec<Tagged>,
    pub content: String,
    pub indexed_ms: i64,
    /// When it left the vault; `None` while it is there.
    pub deleted_ms: Option<i64>,
}

impl MemoryDb {
    /// Content hashes of the notes in the vault as last synced (deleted ones left out).
    pub fn note_hashes(&self) -> Result<HashMap<String, String>, StoreError> {
        self.with(|conn| {
            let mut stmt =
                conn.prepare("SELECT path, content_hash FROM notes WHERE deleted_ms IS NULL")?;
            let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    /// Stores this revision of `note` (`content` is its text, `content_hash` its bytes' hash)
    /// in one transaction. Unchanged chunks (same id) keep their vectors; the ids of the chunks
    /// it no longer has are returned (already gone from the embedded vectors).
    pub fn write_note(
        &self,
        note: &ParsedNote,
        content: &str,
        content_hash: &str,
        at_ms: i64,
    ) -> Result<Vec<ChunkId>, StoreError> {
        self.with(|conn| {
            let tx = conn.transaction()?;
            tx.execute(
                "INSERT INTO notes (path, title, content_hash, modified_ms, date_ms, aliases,
                     properties, tags, content, indexed_ms, deleted_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, NULL)
                 ON CONFLICT (path) DO UPDATE SET title = ?2, content_hash = ?3, modified_ms = ?4,
                     date_ms = ?5, aliases = ?6, properties = ?7, tags = ?8, content = ?9,
                     indexed_ms = ?10, deleted_ms = NULL",
                params![
                    note.path,
                    note.title,
                    content_hash,
                    note.modified_ms,
                    note.date_ms,
                    codec::strings_json(&note.aliases),
                    codec::properties_json(&note.properties),
                    codec::tags_json(&note.tags),
                    content,
                    at_ms
                ],
            )?;
            let old = chunk_ids_of(&tx, &note.path)?;
            let removed: Vec<ChunkId> = old
                .iter()
                .copied()
                .filter(|id| !note.chunks.iter().any(|chunk| chunk.id == *id))
                .collect();
            forget_chunks(&tx, &removed)?;
            for chunk in &note.chunks {
                let headings = codec::strings_json(&chunk.headings);
                if old.contains(&chunk.id) {
                    tx.execute(
                        "UPDATE chunks SET ordinal = ?2, headings = ?3, line_start = ?4, line_end = ?5
                         WHERE id = ?1",
                        params![chunk.id.as_i64(), chunk.ordinal, headings, chunk.line_start, chunk.line_end],
                    )?;
                    continue;
                }
                // The same id under another note (a renamed file cannot give one; a hash
                // collision could): the newer revision wins.
                forget_chunks(&tx, &[chunk.id])?;
                tx.execute(
                    "INSERT INTO chunks (id, note, ordinal, headings, text, line_start, line_end, embedded)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL)",
                    params![chunk.id.as_i64(), note.path, chunk.ordinal, headings, chunk.text,
                        chunk.line_start, chunk.line_end],
                )?;
                tx.execute(
                    "INSERT INTO chunk_fts (rowid, text) VALUES (?1, ?2)",
                    params![chunk.id.as_i64(), chunk.text],
                )?;
            }
            tx.commit()?;
            Ok(removed)
        })
    }

    /// Marks these notes deleted at `at_ms` (their rows kept), their chunks out of the full
    /// text and the vectors; returns the chunk ids that went.
    pub fn delete_notes(&self, paths: &[String], at_ms: i64) -> Result<Vec<ChunkId>, StoreError> {
        self.with(|conn| {
            let tx = conn.transaction()?;
            let mut removed = Vec::new();
            for path in paths {
                let ids = chunk_ids_of(&tx, path)?;
                forget_chunks(&tx, &ids)?;
                tx.execute(
                    "UPDATE notes SET deleted_ms = ?2 WHERE path = ?1 AND deleted_ms IS NULL",
                    params![path, at_ms],
                )?;
                removed.extend(ids);
            }
            tx.commit()?;
            Ok(removed)
        })
    }

    /// The stored note at `path`, deleted or not.
    pub fn note(&self, path: &str) -> Result<Option<StoredNote>, StoreError> {
        self.with(|conn| {
            let mut stmt = conn.prepare(
                "SELECT path, title, content_hash, modified_ms, date_ms, aliases, properties, tags,
                     content, indexed_ms, deleted_ms FROM notes WHERE path = ?1",
            )?;
            let mut rows = stmt.query([path])?;
            let Some(row) = rows.next()? else {
                return Ok(None);
            };
            let json = |index: usize| row.get::<_, String>(index);
            Ok(Some(StoredNote {
                path: row.get(0)?,
                title: row.get(1)?,
                content_hash: row.get(2)?,
                modified_ms: row.get(3)?,
                date_ms: row.get(4)?,
                aliases: codec::strings_from(&json(5)?)?,
                properties: codec::properties_from(&json(6)?)?,
                tags: codec::tags_from(&json(7)?)?,
                content: row.get(8)?,
                indexed_ms: row.get(9)?,
                deleted_ms: row.get(10)?,
            }))
        })
    }
}

fn chunk_ids_of(tx: &Transaction<'_>, note: &str) -> Result<Vec<ChunkId>, StoreError> {
    let mut stmt = tx.prepare("SELECT id FROM chunks WHERE note = ?1")?;
    let ids = stmt.query_map([note], |row| row.get::<_, i64>(0))?;
    ids.map(|id| Ok(ChunkId(u64::try_from(id?).unwrap_or_default())))
        .collect()
}

/// Removes chunks from the table, the full text and (when it exists) the vector table.
pub(super) fn forget_chunks(tx: &Transaction<'_>, ids: &[ChunkId]) -> Result<(), StoreError> {
    let vectors = super::vectors::table_exists(tx)?;
    for id in ids {
        let id = id.as_i64();
        tx.execute("DELETE FROM chunks WHERE id = ?1", [id])?;
        tx.execute("DELETE FROM chunk_fts WHERE rowid = ?1", [id])?;
        if vectors {
            tx.execute("DELETE FROM chunk_vectors WHERE rowid = ?1", [id])?;
        }
    }
    Ok(())
}
