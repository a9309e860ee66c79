//! The store contracts as public functions (feature `conformance`), so every implementation
//! runs the same suite: the embedded SQLite store in this crate's tests, Qdrant and Neo4j (or
//! FalkorDB) from the tests crate against real servers. Each panics with what broke, like a
//! test. Written against the traits only.

mod graph_facts;
mod graph_history;
mod graph_reach;
mod graph_record;
mod vectors;

use crate::graph::GraphStore;

pub use vectors::vector_store_contract;

/// The graph contract; `store` must hold no graph yet (a fresh database).
pub fn graph_store_contract(store: &dyn GraphStore) {
    graph_record::recording_is_bitemporal(store);
    graph_reach::reach_walks_note_edges_both_ways(store);
    graph_history::expiring_a_note_keeps_its_history(store);
    graph_history::extractions_and_valid_times_round_trip(store);
}
