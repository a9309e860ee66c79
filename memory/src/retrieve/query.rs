//! What a search is asked (`Query`), every knob it turns (`SearchParams`, whose `Default` is
//! the tested configuration) and what it answers (`SearchResult` of explained `Hit`s).

use super::{ExpandParams, FusionParams, MmrParams, RecencyParams, Retriever, RetrieverRank};
use crate::embed::EmbeddingSpace;
use crate::graph::{AsOf, GraphStore};
use crate::text_index::{StoredChunk, TextError, TextIndex};
use crate::vectors::VectorStore;

/// The three stores a search reads.
#[derive(Clone, Copy)]
pub struct Stores<'a> {
    pub text: &'a dyn TextIndex,
    pub vectors: &'a dyn VectorStore,
    pub graph: &'a dyn GraphStore,
}

/// The query's embedding, or why there is none.
#[derive(Debug, Clone, PartialEq)]
pub enum QueryEmbedding {
    /// Embedded by the caller with `task_prefix(model, TextRole::Query)` before the text.
    Vector {
        space: EmbeddingSpace,
        vector: Vec<f32>,
    },
    /// The reason, shown in the warnings ("the embed job for nomic-embed-text was rejected: …").
    Unavailable(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    pub text: String,
    pub embedding: QueryEmbedding,
    /// The retrievers whose lists are fused; empty: all three (hybrid).
    pub retrievers: Vec<Retriever>,
    /// Which graph facts count, and "now" for recency (`valid_at_ms`).
    pub as_of: AsOf,
    /// At most this many hits; 0: `SearchParams::default_limit`.
    pub limit: usize,
}

impl Query {
    pub fn wants(&self, retriever: Retriever) -> bool {
        self.retrievers.is_empty() || self.retrievers.contains(&retriever)
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SearchParams {
    /// Candidates each retriever offers before fusion (default 50).
    pub pool: usize,
    /// Hits when the query's limit is 0 (default 8, as the proto says).
    pub default_limit: usize,
    pub fusion: FusionParams,
    pub recency: RecencyParams,
    pub mmr: MmrParams,
    pub expand: ExpandParams,
}

impl Default for SearchParams {
    fn default() -> Self {
        Self {
            pool: 50,
            default_limit: 8,
            fusion: FusionParams::default(),
            recency: RecencyParams::default(),
            mmr: MmrParams::default(),
            expand: ExpandParams::default(),
        }
    }
}

/// One passage found, with why.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub chunk: StoredChunk,
    /// The fused score times the recency factor: what ranked it before diversity.
    pub score: f64,
    /// The factor recency applied (1: none).
    pub recency_factor: f64,
    /// Each retriever that found it, with its rank and own score, in retriever order.
    pub found_by: Vec<RetrieverRank>,
    /// For a chunk the graph found: a shortest path from a seed note to its note.
    pub graph_path: Vec<String>,
    /// Each step's edge ("link", "backlink", …), as the graph store named it.
    pub graph_via: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchResult {
    /// In the order diversity (MMR) chose them.
    pub hits: Vec<Hit>,
    /// What limited the search ("vectors not used: …", "graph not used: …").
    pub warnings: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("the query is empty: say what to search for")]
    EmptyQuery,
    #[error(transparent)]
    Text(#[from] TextError),
}
