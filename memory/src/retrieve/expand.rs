//! The graph retriever: from the notes of the best fused hits, walk links and backlinks up to
//! `hops` steps (true shortest-path distance, as the `GraphStore` reports it) and offer each
//! reached note's best passage. With a query vector they are ranked by cosine similarity divided
//! by distance (relevance first, nearness as a discount); without one, nearer notes first and
//! within a distance those full text scored, else note order.

use std::collections::HashMap;

use super::mmr::cosine;
use crate::ChunkId;
use crate::graph::{AsOf, GraphError, GraphStore, Reached};
use crate::text_index::{StoredChunk, TextError, TextIndex};
use crate::vectors::{VectorError, VectorStore};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExpandParams {
    /// Seeds: the notes of this many best fused hits (default 5).
    pub seed_hits: usize,
    /// Steps over links and backlinks (default 2).
    pub hops: u32,
}

impl Default for ExpandParams {
    fn default() -> Self {
        Self {
            seed_hits: 5,
            hops: 2,
        }
    }
}

/// A chunk the graph offers, with how its note was reached.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphCandidate {
    pub chunk: StoredChunk,
    /// The graph retriever's own score: 1 / (1 + distance).
    pub score: f64,
    pub reached: Reached,
}

/// What orders chunks at one distance: the query's vector (with the store holding the chunks'
/// vectors), else the full-text scores already found.
pub enum GraphOrder<'a> {
    Vector {
        store: &'a dyn VectorStore,
        query: &'a [f32],
    },
    FullText(&'a [(ChunkId, f64)]),
}

#[derive(Debug, thiserror::Error)]
pub enum ExpandError {
    #[error("{0}")]
    Graph(#[from] GraphError),
    #[error(transparent)]
    Text(#[from] TextError),
    #[error(transparent)]
    Vector(#[from] VectorError),
}

/// At most `limit` chunks of the notes within `params.hops` of `seeds` at `as_of`, best first.
pub fn expand(
    graph: &dyn GraphStore,
    text: &dyn TextIndex,
    seeds: &[String],
    as_of: AsOf,
    order: GraphOrder<'_>,
    params: &ExpandParams,
    limit: usize,
) -> Result<Vec<GraphCandidate>, ExpandError> {
    if seeds.is_empty() || params.hops == 0 || limit == 0 {
        return Ok(Vec::new());
    }
    let reached = graph.reach(seeds, params.hops, as_of, limit)?;
    let notes: Vec<String> = reached.iter().map(|r| r.note.clone()).collect();
    let chunks = text.chunks_of_notes(&notes)?;
    let ids: Vec<ChunkId> = chunks.iter().map(|chunk| chunk.id).collect();
    let order_kind = match order {
        GraphOrder::Vector { .. } => OrderKind::Vector,
        GraphOrder::FullText(_) => OrderKind::FullText,
    };
    // Higher is better; a chunk without one comes after those with one.
    let secondary: HashMap<ChunkId, f64> = match order {
        GraphOrder::Vector { store, query } => store
            .vectors(&ids)?
            .into_iter()
            .map(|(id, vector)| (id, cosine(query, &vector)))
            .collect(),
        GraphOrder::FullText(scores) => scores.iter().copied().collect(),
    };
    let place: HashMap<&str, usize> = notes
        .iter()
        .enumerate()
        .map(|(index, note)| (note.as_str(), index))
        .collect();
    let mut ranked: Vec<(usize, StoredChunk)> = chunks
        .into_iter()
        .filter_map(|chunk| Some((*place.get(chunk.note.as_str())?, chunk)))
        .collect();
    // With a query vector, relevance decides, discounted by distance (a direct link's passage
    // at cos/1, two hops away at cos/2): a near note that says nothing on the query should not
    // outrank a relevant one a step further. Without one, nearer notes first.
    let by_relevance = matches!(order_kind, OrderKind::Vector);
    let weight = |note: usize, chunk: &StoredChunk| {
        let distance = f64::from(reached[note].distance.max(1));
        secondary.get(&chunk.id).map(|score| {
            if by_relevance {
                score / distance
            } else {
                *score
            }
        })
    };
    ranked.sort_by(|(left_note, left), (right_note, right)| {
        let distance = |note: usize| reached[note].distance;
        let by_distance = if by_relevance {
            std::cmp::Ordering::Equal
        } else {
            distance(*left_note).cmp(&distance(*right_note))
        };
        by_distance
            .then_with(
                || match (weight(*left_note, left), weight(*right_note, right)) {
                    (Some(l), Some(r)) => r.total_cmp(&l),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => distance(*left_note).cmp(&distance(*right_note)),
                },
            )
            .then_with(|| left_note.cmp(right_note))
    });
    // One passage per reached note, its best: a long note must not fill the list.
    let mut offered = std::collections::HashSet::new();
    ranked.retain(|(note, _)| offered.insert(*note));
    ranked.truncate(limit);
    Ok(ranked
        .into_iter()
        .map(|(note, chunk)| {
            let reached = reached[note].clone();
            GraphCandidate {
                chunk,
                score: 1.0 / (1.0 + f64::from(reached.distance)),
                reached,
            }
        })
        .collect())
}

enum OrderKind {
    Vector,
    FullText,
}

#[cfg(test)]
mod tests;
