//! `Vec`-backed stand-ins for the three stores, for the ranking's unit tests: full text scores
//! a chunk by how many query words it holds, vectors by exact cosine, the graph walks undirected
//! links breadth first. Each can be told to fail, to test what search does when a store is down.

use std::collections::{BTreeSet, HashMap};

use super::mmr::cosine;
use crate::ChunkId;
use crate::embed::EmbeddingSpace;
use crate::graph::{AsOf, Edge, GraphChange, GraphError, GraphStore, NodeKey, NoteFacts, Reached};
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

/// Links between notes, walked both ways; every link holds at any `AsOf`.
#[derive(Default)]
pub(crate) struct FakeGraph {
    pub links: Vec<(String, String)>,
    pub down: bool,
}

impl GraphStore for FakeGraph {
    fn describe(&self) -> String {
        "fake graph".to_string()
    }
    fn record(&self, _: &NoteFacts, _: i64) -> Result<GraphChange, GraphError> {
        Err(GraphError::Store("read only".to_string()))
    }
    fn expire_note(&self, _: &str, _: i64) -> Result<u64, GraphError> {
        Err(GraphError::Store("read only".to_string()))
    }
    fn reach(
        &self,
        seeds: &[String],
        hops: u32,
        _: AsOf,
        limit: usize,
    ) -> Result<Vec<Reached>, GraphError> {
        if self.down {
            return Err(GraphError::Store("fake graph is down".to_string()));
        }
        let mut best: HashMap<String, Reached> = seeds
            .iter()
            .map(|s| {
                (
                    s.clone(),
                    Reached {
                        note: s.clone(),
                        distance: 0,
                        path: vec![s.clone()],
                        via: Vec::new(),
                    },
                )
            })
            .collect();
        let mut frontier: Vec<Reached> = best.values().cloned().collect();
        for distance in 1..=hops {
            frontier.sort_by(|l, r| l.path.cmp(&r.path));
            let mut next = Vec::new();
            for from in &frontier {
                for (a, b) in &self.links {
                    let step = if *a == from.note {
                        Some((b, "link"))
                    } else if *b == from.note {
                        Some((a, "backlink"))
                    } else {
                        None
                    };
                    let Some((to, via)) = step else { continue };
                    if best.contains_key(to) {
                        continue;
                    }
                    let mut reached = from.clone();
                    reached.note = to.clone();
                    reached.distance = distance;
                    reached.path.push(to.clone());
                    reached.via.push(via.to_string());
                    best.insert(to.clone(), reached.clone());
                    next.push(reached);
                }
            }
            frontier = next;
        }
        let mut found: Vec<Reached> = best.into_values().filter(|r| r.distance > 0).collect();
        found.sort_by(|l, r| (l.distance, &l.path).cmp(&(r.distance, &r.path)));
        found.truncate(limit);
        Ok(found)
    }
    fn edges(&self, _: &NodeKey, _: AsOf) -> Result<Vec<Edge>, GraphError> {
        Ok(Vec::new())
    }
    fn edge_count(&self, _: AsOf) -> Result<u64, GraphError> {
        Ok(self.links.len() as u64)
    }
}
