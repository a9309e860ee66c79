//! Where chunk vectors live: the embedded SQLite file (sqlite-vec) or a Qdrant server, behind
//! one synchronous trait (callers run it on a blocking thread) and one conformance suite.

use crate::ChunkId;
use crate::embed::EmbeddingSpace;

#[derive(Debug, Clone, PartialEq)]
pub struct VectorPoint {
    pub id: ChunkId,
    /// The vault path of the chunk's note (kept with the vector so a note's vectors can go).
    pub note: String,
    pub vector: Vec<f32>,
}

#[derive(Debug, thiserror::Error)]
pub enum VectorError {
    /// The store holds vectors of another model or width: mixing them would make every
    /// similarity meaningless. A rebuild (`runner memory sync --rebuild`) starts over.
    #[error(
        "the vector store holds {stored} vectors, not {offered}: refusing to mix them (rebuild memory to change the embedding model)"
    )]
    OtherSpace {
        stored: EmbeddingSpace,
        offered: EmbeddingSpace,
    },
    /// A vector whose length is not the space's dimension.
    #[error("a vector of {got} values for a space of {expected} dimensions")]
    Width { expected: u32, got: usize },
    /// The store cannot be reached or failed; the text names it ("qdrant at http://…: …").
    #[error("{0}")]
    Store(String),
}

pub trait VectorStore: Send + Sync {
    /// Where the vectors live, in words ("embedded (/var/lib/…/memory.sqlite)", "qdrant at
    /// http://127.0.0.1:6334, collection llm_runner_memory").
    fn describe(&self) -> String;
    /// The space of the stored vectors; `None` while none was ever stored (or after `clear`).
    fn space(&self) -> Result<Option<EmbeddingSpace>, VectorError>;
    /// Stores (or replaces, by id) `points`; the first upsert fixes the space, a later one in
    /// another space is refused with `OtherSpace` and stores nothing.
    fn upsert(&self, space: &EmbeddingSpace, points: &[VectorPoint]) -> Result<(), VectorError>;
    /// Forgets these ids (unknown ids are not an error).
    fn remove(&self, ids: &[ChunkId]) -> Result<(), VectorError>;
    /// The `limit` stored vectors most similar to `query` by cosine similarity, most similar
    /// first; refuses a query of another space.
    fn nearest(
        &self,
        space: &EmbeddingSpace,
        query: &[f32],
        limit: usize,
    ) -> Result<Vec<(ChunkId, f32)>, VectorError>;
    /// The stored vectors of these ids (missing ids left out), for diversity (MMR).
    fn vectors(&self, ids: &[ChunkId]) -> Result<Vec<(ChunkId, Vec<f32>)>, VectorError>;
    fn count(&self) -> Result<u64, VectorError>;
    /// Forgets every vector and the space.
    fn clear(&self) -> Result<(), VectorError>;
}

pub mod qdrant;
