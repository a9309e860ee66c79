//! Memory over the operator's vault (DESIGN.md "Memory"): notes read into chunks that follow
//! their markdown structure, stored with full text, vectors and a bi-temporal graph of links,
//! tags, properties, folders and dates, and searched by all three at once with reciprocal-rank
//! fusion. The stores are traits so the embedded SQLite file and the servers (Qdrant, Neo4j)
//! answer the same conformance tests.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod chunk_id;
pub mod clock;
pub mod config;
pub mod context;
pub mod embed;
pub mod graph;
pub mod hub;
pub mod note;
pub mod remember;
pub mod retrieve;
pub mod service;
pub mod store;
pub mod sync;
pub mod text_index;
pub mod vault;
pub mod vectors;

// Test code shipped behind a feature: a broken contract panics with what broke, like a test.
#[cfg(feature = "conformance")]
#[allow(clippy::expect_used, clippy::unwrap_used)]
pub mod conformance;

pub use chunk_id::ChunkId;
