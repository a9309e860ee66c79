//! Hybrid retrieval over the stores: full text (BM25), vectors (cosine) and the graph (notes
//! reached over links from the others' best), fused by reciprocal rank, gently favouring recent
//! notes, diversified by greedy maximal marginal relevance; plus the metrics that measure it
//! against labelled queries. Ranking is pure; only `search` and `expand` touch the stores.

mod diversify;
pub mod expand;
pub mod fusion;
mod graph_list;
pub mod metrics;
pub mod mmr;
pub mod query;
pub mod recency;
pub mod search;

#[cfg(test)]
mod fake_stores;

pub use expand::{ExpandError, ExpandParams, GraphCandidate, GraphOrder, expand};
pub use fusion::{Fused, FusionParams, RetrieverWeights, fuse};
pub use metrics::{ndcg_at_k, recall_at_k};
pub use mmr::{MmrCandidate, MmrParams, cosine, select_mmr};
pub use query::{Hit, Query, QueryEmbedding, SearchError, SearchParams, SearchResult, Stores};
pub use recency::{RecencyParams, recency_factor};
pub use search::search;

/// Which retriever found a chunk (the proto's `Retriever`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Retriever {
    /// BM25 over the chunks' text.
    FullText,
    /// Cosine similarity of the query's embedding to the chunks'.
    Vector,
    /// Reached over links and backlinks from the notes the other retrievers found.
    Graph,
}

impl Retriever {
    pub const ALL: [Retriever; 3] = [Retriever::FullText, Retriever::Vector, Retriever::Graph];
}

/// Where one retriever ranked a hit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetrieverRank {
    pub retriever: Retriever,
    /// 1 for the retriever's best.
    pub rank: u32,
    /// The retriever's own score: BM25 (higher is better), cosine similarity, or
    /// 1 / (1 + hops) for the graph.
    pub score: f64,
}
