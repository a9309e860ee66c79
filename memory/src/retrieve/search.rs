//! One hybrid search: each wanted retriever offers a pool of candidates (full text, vectors, and
//! the graph seeded from the other two's fused best), the lists are fused by reciprocal rank,
//! recency scales the fused scores, and greedy MMR picks the hits. A vector or graph store that
//! fails, or a query without a vector, narrows the search and says so in the warnings; only the
//! chunk store failing (it holds what a hit shows) fails the search.

use std::collections::HashMap;

use super::diversify::diversify;
use super::graph_list::{GraphList, graph_list};
use super::query::{Hit, Query, QueryEmbedding, SearchError, SearchParams, SearchResult, Stores};
use super::{Retriever, fuse, recency_factor};
use crate::ChunkId;

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
    let mut graph = GraphList::default();
    if graph_wanted {
        let vector = query_vector.map(|(_, vector)| vector);
        match graph_list(
            stores,
            query,
            vector,
            &full_text,
            &vector_list,
            params,
            pool,
        ) {
            Ok(found) => graph = found,
            Err(error) => warnings.push(format!("graph not used: {error}")),
        }
    }
    let lists: Vec<(Retriever, Vec<(ChunkId, f64)>)> = [
        (Retriever::FullText, full_text),
        (Retriever::Vector, vector_list),
        (Retriever::Graph, graph.ranked),
    ]
    .into_iter()
    .filter(|(retriever, _)| query.wants(*retriever))
    .collect();
    let offered: Vec<(Retriever, usize)> = lists.iter().map(|(r, list)| (*r, list.len())).collect();
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
            let reached = graph.reached.remove(&fused.id);
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
    tracing::debug!(?offered, hits = hits.len(), ?warnings, "memory search");
    Ok(SearchResult { hits, warnings })
}

#[cfg(test)]
mod tests;
