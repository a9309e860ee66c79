//! The graph retriever's list for one search: the notes of the best hits of full text and
//! vectors (fused) are the seeds, and `expand` offers the chunks of the notes they reach that
//! neither of them found.

use std::collections::HashMap;

use super::expand::{ExpandError, GraphOrder, expand};
use super::fusion::fuse;
use super::query::{Query, SearchParams, Stores};
use crate::ChunkId;
use crate::graph::Reached;

/// The graph's ranked list and, per chunk, how its note was reached.
#[derive(Debug, Default)]
pub(crate) struct GraphList {
    pub ranked: Vec<(ChunkId, f64)>,
    pub reached: HashMap<ChunkId, Reached>,
}

/// `full_text` and `vectors` are the other retrievers' lists (empty when not run); the query's
/// vector orders the graph's chunks only when the vector search ran.
pub(crate) fn graph_list(
    stores: &Stores<'_>,
    query: &Query,
    query_vector: Option<&[f32]>,
    full_text: &[(ChunkId, f64)],
    vectors: &[(ChunkId, f64)],
    params: &SearchParams,
    pool: usize,
) -> Result<GraphList, ExpandError> {
    let seed_lists = [
        (super::Retriever::FullText, full_text.to_vec()),
        (super::Retriever::Vector, vectors.to_vec()),
    ];
    let seed_ids: Vec<ChunkId> = fuse(&seed_lists, &params.fusion)
        .into_iter()
        .take(params.expand.seed_hits)
        .map(|fused| fused.id)
        .collect();
    let mut seeds: Vec<String> = Vec::new();
    for chunk in stores.text.chunks(&seed_ids)? {
        if !seeds.contains(&chunk.note) {
            seeds.push(chunk.note);
        }
    }
    let order = match query_vector {
        Some(vector) if !vectors.is_empty() => GraphOrder::Vector {
            store: stores.vectors,
            query: vector,
        },
        _ => GraphOrder::FullText(full_text),
    };
    let found = expand(
        stores.graph,
        stores.text,
        &seeds,
        query.as_of,
        order,
        &params.expand,
        pool,
    )?;
    // The graph offers the notes the other retrievers missed: a note they already found gains
    // nothing from also being near a seed (counting it twice would let the graph, which follows
    // the vectors' order, drown full text's best hits).
    let found_ids: Vec<ChunkId> = full_text.iter().chain(vectors).map(|(id, _)| *id).collect();
    let found_notes: std::collections::HashSet<String> = stores
        .text
        .chunks(&found_ids)?
        .into_iter()
        .map(|chunk| chunk.note)
        .collect();
    let mut list = GraphList::default();
    for candidate in found
        .into_iter()
        .filter(|candidate| !found_notes.contains(&candidate.chunk.note))
    {
        list.ranked.push((candidate.chunk.id, candidate.score));
        list.reached.insert(candidate.chunk.id, candidate.reached);
    }
    Ok(list)
}
