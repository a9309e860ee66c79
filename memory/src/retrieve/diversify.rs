//! The last step of a search: greedy MMR over the ranked hits with the chunks' stored vectors,
//! so near-duplicate passages give way to different ones.

use std::collections::HashMap;

use super::mmr::{MmrCandidate, select_mmr};
use super::query::{Hit, SearchParams, Stores};
use crate::ChunkId;

/// Greedy MMR over the ranked hits with the chunks' stored vectors.
pub(crate) fn diversify(
    stores: &Stores<'_>,
    ranked: Vec<Hit>,
    limit: usize,
    params: &SearchParams,
    warnings: &mut Vec<String>,
) -> Vec<Hit> {
    let mut vectors: HashMap<ChunkId, Vec<f32>> = HashMap::new();
    if params.mmr.lambda < 1.0 && ranked.len() > 1 {
        let ids: Vec<ChunkId> = ranked.iter().map(|hit| hit.chunk.id).collect();
        match stores.vectors.vectors(&ids) {
            Ok(found) => vectors.extend(found),
            Err(error) => warnings.push(format!("diversity without vectors: {error}")),
        }
    }
    let candidates: Vec<MmrCandidate<'_>> = ranked
        .iter()
        .map(|hit| MmrCandidate {
            relevance: hit.score,
            vector: vectors.get(&hit.chunk.id).map(Vec::as_slice),
            note: &hit.chunk.note,
            line_start: hit.chunk.line_start,
            line_end: hit.chunk.line_end,
        })
        .collect();
    let order = select_mmr(&candidates, limit, &params.mmr);
    let mut slots: Vec<Option<Hit>> = ranked.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|index| slots[index].take())
        .collect()
}
