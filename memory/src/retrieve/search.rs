//! One hybrid search: each wanted retriever offers a pool of candidates (full text, vectors, and
//! the graph seeded from the other two's fused best), the lists are fused by reciprocal rank,
//! recency scales the fused scores, and greedy MMR picks the hits. A vector or graph store that
//! fails, or a query without a vector, narrows the search and says so in the warnings; only the
//! chunk store failing (it holds what a hit shows) fails the search.

use std::collections::HashMap;

use super::Retriever;
use super::expand::{GraphOrder, expand};
use super::fusion::fuse;
use super::mmr::{MmrCandidate, select_mmr};
use super::query::{Hit, Query, QueryEmbedding, SearchError, SearchParams, SearchResult, Stores};
use super::recency::recency_factor;
use crate::ChunkId;
use crate::graph::Reached;

pub fn search(
    stores: &Stores<'_>,
    query: &Query,
    params: &SearchParams,
) -> Result<SearchResult, SearchError> {
    let text = query.text.trim();
    if text.is_empty() {
        return Err(SearchError::EmptyQuery);
    }
    let limit = if query.limit == 0 {
        params.default_limit
    } else {
        query.limit
    };
    let pool = params.pool.max(limit);
    let graph_wanted = query.wants(Retriever::Graph);
    let mut warnings = Vec::new();
    let full_text = if query.wants(Retriever::FullText) || graph_wanted {
        stores.text.full_text(text, pool)?
    } else {
        Vec::new()
    };
    let query_vector = match &query.embedding {
        QueryEmbedding::Vector { space, vector } => Some((space, vector.as_slice())),
        QueryEmbedding::Unavailable(reason) => {
            if query.wants(Retriever::Vector) {
                warnings.push(format!("vectors not used: {reason}"));
            }
            None
        }
    };
    let mut vector_list = None;
    if let Some((space, vector)) = query_vector
        && (query.wants(Retriever::Vector) || graph_wanted)
    {
        match stores.vectors.nearest(space, vector, pool) {
            Ok(nearest) => {
                vector_list = Some(
                    nearest
                        .into_iter()
                        .map(|(id, cos)| (id, f64::from(cos)))
                        .collect(),
                );
            }
            Err(error) => warnings.push(format!("vectors not used: {error}")),
        }
    }
    let vector_list: Vec<(ChunkId, f64)> = vector_list.unwrap_or_default();
    let mut paths: HashMap<ChunkId, Reached> = HashMap::new();
    let mut graph_list = Vec::new();
    if graph_wanted {
        let seed_lists = [
            (Retriever::FullText, full_text.clone()),
            (Retriever::Vector, vector_list.clone()),
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
            Some((_, vector)) if !vector_list.is_empty() => GraphOrder::Vector {
                store: stores.vectors,
                query: vector,
            },
            _ => GraphOrder::FullText(&full_text),
        };
        match expand(
            stores.graph,
            stores.text,
            &seeds,
            query.as_of,
            order,
            &params.expand,
            pool,
        ) {
            Ok(found) => {
                for candidate in found {
                    graph_list.push((candidate.chunk.id, candidate.score));
                    paths.insert(candidate.chunk.id, candidate.reached);
                }
            }
            Err(error) => warnings.push(format!("graph not used: {error}")),
        }
    }
    let lists: Vec<(Retriever, Vec<(ChunkId, f64)>)> = [
        (Retriever::FullText, full_text),
        (Retriever::Vector, vector_list),
        (Retriever::Graph, graph_list),
    ]
    .into_iter()
    .filter(|(retriever, _)| query.wants(*retriever))
    .collect();
    let fused = fuse(&lists, &params.fusion);
    let ids: Vec<ChunkId> = fused.iter().map(|hit| hit.id).collect();
    let mut chunks: HashMap<ChunkId, _> = stores
        .text
        .chunks(&ids)?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let mut ranked: Vec<Hit> = fused
        .into_iter()
        .filter_map(|fused| {
            let chunk = chunks.remove(&fused.id)?;
            let factor =
                recency_factor(chunk.note_time_ms, query.as_of.valid_at_ms, &params.recency);
            let reached = paths.remove(&fused.id);
            Some(Hit {
                chunk,
                score: fused.score * factor,
                recency_factor: factor,
                found_by: fused.found_by,
                graph_path: reached.as_ref().map(|r| r.path.clone()).unwrap_or_default(),
                graph_via: reached.map(|r| r.via).unwrap_or_default(),
            })
        })
        .collect();
    ranked.sort_by(|left, right| right.score.total_cmp(&left.score));
    let hits = diversify(stores, ranked, limit, params, &mut warnings);
    Ok(SearchResult { hits, warnings })
}

/// Greedy MMR over the ranked hits with the chunks' stored vectors.
fn diversify(
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

#[cfg(test)]
mod tests;
