//! `TextIndex` on the embedded file: BM25 over FTS5 with any user text as the query, and the
//! stored chunks a hit shows.

use rusqlite::Row;

use super::{MemoryDb, StoreError, codec, fts_query};
use crate::ChunkId;
use crate::text_index::{StoredChunk, TextError, TextIndex};

const CHUNK_COLUMNS: &str = "SELECT c.id, c.note, n.title, c.headings, c.text, c.line_start,
    c.line_end, coalesce(n.date_ms, n.modified_ms)
    FROM chunks c JOIN notes n ON n.path = c.note";

impl From<StoreError> for TextError {
    fn from(error: StoreError) -> Self {
        TextError::Store(error.to_string())
    }
}

fn chunk_of(row: &Row<'_>) -> rusqlite::Result<(StoredChunk, String)> {
    Ok((
        StoredChunk {
            id: ChunkId(u64::try_from(row.get::<_, i64>(0)?).unwrap_or_default()),
            note: row.get(1)?,
            note_title: row.get(2)?,
            headings: Vec::new(),
            text: row.get(4)?,
            line_start: row.get(5)?,
            line_end: row.get(6)?,
            note_time_ms: row.get(7)?,
        },
        row.get(3)?,
    ))
}

fn with_headings((mut chunk, headings): (StoredChunk, String)) -> Result<StoredChunk, StoreError> {
    chunk.headings = codec::strings_from(&headings)?;
    Ok(chunk)
}

impl TextIndex for MemoryDb {
    fn full_text(&self, query: &str, limit: usize) -> Result<Vec<(ChunkId, f64)>, TextError> {
        let Some(expression) = fts_query::or_terms(query) else {
            return Ok(Vec::new());
        };
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        Ok(self.with(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT rowid, bm25(chunk_fts) FROM chunk_fts WHERE chunk_fts MATCH ?1
                 ORDER BY bm25(chunk_fts) LIMIT ?2",
            )?;
            let rows = stmt.query_map(rusqlite::params![expression, limit], |row| {
                let id: i64 = row.get(0)?;
                let bm25: f64 = row.get(1)?;
                Ok((ChunkId(u64::try_from(id).unwrap_or_default()), -bm25))
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })?)
    }

    fn chunks(&self, ids: &[ChunkId]) -> Result<Vec<StoredChunk>, TextError> {
        Ok(self.with(|conn| {
            let mut stmt = conn.prepare_cached(&format!("{CHUNK_COLUMNS} WHERE c.id = ?1"))?;
            let mut found = Vec::with_capacity(ids.len());
            for id in ids {
                let mut rows = stmt.query_map([id.as_i64()], chunk_of)?;
                if let Some(row) = rows.next() {
                    found.push(with_headings(row?)?);
                }
            }
            Ok(found)
        })?)
    }

    fn chunks_of_notes(&self, notes: &[String]) -> Result<Vec<StoredChunk>, TextError> {
        Ok(self.with(|conn| {
            let mut stmt = conn.prepare_cached(&format!(
                "{CHUNK_COLUMNS} WHERE c.note = ?1 ORDER BY c.line_start, c.ordinal"
            ))?;
            let mut found = Vec::new();
            let mut seen: Vec<&String> = Vec::new();
            for note in notes {
                if seen.contains(&note) {
                    continue;
                }
                seen.push(note);
                for row in stmt.query_map([note], chunk_of)? {
                    found.push(with_headings(row?)?);
                }
            }
            Ok(found)
        })?)
    }
}
