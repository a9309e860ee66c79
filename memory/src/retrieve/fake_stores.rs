//! `Vec`-backed stand-ins for the three stores, for the ranking's unit tests: full text scores
//! a chunk by how many query words it holds, vectors by exact cosine, the graph
//! (`fake_graph.rs`) walks undirected links breadth first. The vector and graph stores can be
//! told to fail, to test what a search does when one is down.

use std::collections::BTreeSet;

mod fake_graph;

pub(crate) use fake_graph::FakeGraph;

use super::mmr::cosine;
use crate::ChunkId;
use crate::embed::EmbeddingSpace;
use crate::text_index::{StoredChunk, TextError, TextIndex};
use crate::vectors::{VectorError, VectorPoint, VectorStore};

pub(crate) fn chunk(id: u64, note: &str, line: u32, text: &str, time_ms: i64) -> StoredChunk {
    StoredChunk {
        id: ChunkId(id),
        note: note.to_string(),
        note_title: note.trim_end_matches(".md").to_string(),
        headings: Vec::new(),
        text: text.to_string(),
        line_start: line,
        line_end: line,
        note_time_ms: time_ms,
    }
}

#[derive(Default)]
pub(crate) struct FakeText {
    pub chunks: Vec<StoredChunk>,
}

impl TextIndex for FakeText {
    fn full_text(&self, query: &str, limit: usize) -> Result<Vec<(ChunkId, f64)>, TextError> {
        let words: BTreeSet<String> = query.split_whitespace().map(str::to_lowercase).collect();
        let mut scored: Vec<(ChunkId, f64)> = self
            .chunks
            .iter()
            .map(|chunk| {
                let text = chunk.text.to_lowercase();
                let hits = text
                    .split_whitespace()
                    .filter(|w| words.contains(*w))
                    .count();
                (chunk.id, hits as f64)
            })
            .filter(|(_, score)| *score > 0.0)
            .collect();
        scored.sort_by(|left, right| right.1.total_cmp(&left.1));
        scored.truncate(limit);
        Ok(scored)
    }

    fn chunks(&self, ids: &[ChunkId]) -> Result<Vec<StoredChunk>, TextError> {
        let found = ids
            .iter()
            .filter_map(|id| self.chunks.iter().find(|c| c.id == *id));
        Ok(found.cloned().collect())
    }

    fn chunks_of_notes(&self, notes: &[String]) -> Result<Vec<StoredChunk>, TextError> {
        let mut found: Vec<StoredChunk> = self
            .chunks
            .iter()
            .filter(|c| notes.contains(&c.note))
            .cloned()
            .collect();
        found.sort_by(|l, r| (&l.note, l.line_start).cmp(&(&r.note, r.line_start)));
        Ok(found)
    }
}

pub(crate) fn space() -> EmbeddingSpace {
    EmbeddingSpace {
        model: "fake".to_string(),
        dimension: 2,
    }
}

#[derive(Default)]
pub(crate) struct FakeVectors {
    pub points: Vec<(ChunkId, Vec<f32>)>,
    pub down: bool,
}

impl VectorStore for FakeVectors {
    fn describe(&self) -> String {
        "fake vectors".to_string()
    }
    fn space(&self) -> Result<Option<EmbeddingSpace>, VectorError> {
        Ok(Some(space()))
    }
    fn upsert(&self, _: &EmbeddingSpace, _: &[VectorPoint]) -> Result<(), VectorError> {
        Err(VectorError::Store("read only".to_string()))
    }
    fn remove(&self, _: &[ChunkId]) -> Result<(), VectorError> {
        Err(VectorError::Store("read only".to_string()))
    }
    fn nearest(
        &self,
        asked: &EmbeddingSpace,
        query: &[f32],
        limit: usize,
    ) -> Result<Vec<(ChunkId, f32)>, VectorError> {
        if self.down {
            return Err(VectorError::Store("fake vectors are down".to_string()));
        }
        if *asked != space() {
            return Err(VectorError::OtherSpace {
                stored: space(),
                offered: asked.clone(),
            });
        }
        let mut scored: Vec<(ChunkId, f32)> = self
            .points
            .iter()
            .map(|(id, v)| (*id, cosine(query, v) as f32))
            .collect();
        scored.sort_by(|left, right| right.1.total_cmp(&left.1));
        scored.truncate(limit);
        Ok(scored)
    }
    fn vectors(&self, ids: &[ChunkId]) -> Result<Vec<(ChunkId, Vec<f32>)>, VectorError> {
        Ok(self
            .points
            .iter()
            .filter(|(id, _)| ids.contains(id))
            .cloned()
            .collect())
    }
    fn count(&self) -> Result<u64, VectorError> {
        Ok(self.points.len() as u64)
    }
    fn clear(&self) -> Result<(), VectorError> {
        Err(VectorError::Store("read only".to_string()))
    }
}
