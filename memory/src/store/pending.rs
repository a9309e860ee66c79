//! Which chunks still need a vector, and marking them embedded (with their space) once the
//! vector store holds theirs.

use rusqlite::params;

use super::{MemoryDb, StoreError};
use crate::ChunkId;
use crate::embed::EmbeddingSpace;
use crate::store::PendingChunk;

impl MemoryDb {
    /// Up to `limit` chunks without a vector, in note then line order.
    pub fn pending_chunks(&self, limit: usize) -> Result<Vec<PendingChunk>, StoreError> {
        self.with(|conn| {
            let mut stmt = conn.prepare(
                "SELECT id, note, text FROM chunks WHERE embedded IS NULL
                 ORDER BY note, line_start, id LIMIT ?1",
            )?;
            let limit = i64::try_from(limit).unwrap_or(i64::MAX);
            let rows = stmt.query_map([limit], |row| {
                Ok(PendingChunk {
                    id: ChunkId(u64::try_from(row.get::<_, i64>(0)?).unwrap_or_default()),
                    note: row.get(1)?,
                    text: row.get(2)?,
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    /// The notes with chunks still pending, in path order, at most `limit`.
    pub fn pending_notes(&self, limit: usize) -> Result<Vec<String>, StoreError> {
        self.with(|conn| {
            let mut stmt = conn.prepare(
                "SELECT DISTINCT note FROM chunks WHERE embedded IS NULL ORDER BY note LIMIT ?1",
            )?;
            let limit = i64::try_from(limit).unwrap_or(i64::MAX);
            let rows = stmt.query_map([limit], |row| row.get(0))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    /// Records that these chunks now have a vector of `space`.
    pub fn mark_embedded(&self, ids: &[ChunkId], space: &EmbeddingSpace) -> Result<(), StoreError> {
        let space = space.to_string();
        self.with(|conn| {
            let tx = conn.transaction()?;
            for id in ids {
                tx.execute(
                    "UPDATE chunks SET embedded = ?2 WHERE id = ?1",
                    params![id.as_i64(), space],
                )?;
            }
            tx.commit()?;
            Ok(())
        })
    }

    /// Every chunk pending again (the vectors were cleared); returns how many were embedded.
    pub fn clear_embedded(&self) -> Result<u64, StoreError> {
        self.with(|conn| {
            let changed = conn.execute(
                "UPDATE chunks SET embedded = NULL WHERE embedded IS NOT NULL",
                [],
            )?;
            Ok(u64::try_from(changed).unwrap_or_default())
        })
    }
}
