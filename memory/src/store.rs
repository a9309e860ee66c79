//! The embedded store: ONE SQLite file (WAL) holding the notes, their chunks, the FTS5 full-text
//! index, the sqlite-vec vectors and the bi-temporal graph, so a note's revision is written in
//! one transaction. `MemoryDb` is the file; `TextIndex` is implemented on it directly,
//! `EmbeddedVectors` and `EmbeddedGraph` are its `VectorStore` and `GraphStore`.

mod codec;
mod db;
mod fts_query;
mod graph;
mod notes;
mod pending;
mod schema;
mod status;
mod text;
mod vec_extension;
mod vectors;

pub use db::{MemoryDb, StoreError};
pub use graph::EmbeddedGraph;
pub use notes::{PendingChunk, StoredNote};
pub use status::StoreStatus;
pub use vectors::EmbeddedVectors;

#[cfg(test)]
mod tests;
