//! The chunks themselves and their full-text index (SQLite FTS5, BM25): what a hit shows, and
//! the first retriever.

use crate::ChunkId;

/// A chunk as stored, with what a hit needs to say where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredChunk {
    pub id: ChunkId,
    pub note: String,
    pub note_title: String,
    pub headings: Vec<String>,
    pub text: String,
    pub line_start: u32,
    pub line_end: u32,
    /// The note's date (`ParsedNote::date_ms`), else its modification time: for recency.
    pub note_time_ms: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum TextError {
    #[error("the memory store failed: {0}")]
    Store(String),
}

pub trait TextIndex: Send + Sync {
    /// Chunks matching `query` by BM25, best first, with a score where higher is better (the
    /// negated FTS5 `bm25()`). Any text is a valid query: it is tokenised, never parsed as FTS5
    /// syntax.
    fn full_text(&self, query: &str, limit: usize) -> Result<Vec<(ChunkId, f64)>, TextError>;
    /// These chunks (missing ids left out), in the order asked.
    fn chunks(&self, ids: &[ChunkId]) -> Result<Vec<StoredChunk>, TextError>;
    /// Every current chunk of these notes, in note then line order.
    fn chunks_of_notes(&self, notes: &[String]) -> Result<Vec<StoredChunk>, TextError>;
}
