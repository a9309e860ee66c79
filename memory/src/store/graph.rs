//! `GraphStore` in the embedded file: nodes and bi-temporal edges. `record` diffs what a note
//! states now against its unexpired edges (unchanged kept, gone expired, new created), so
//! recording every note on every sync is cheap; nothing is ever deleted.

mod kinds;
mod reach;
mod record;
mod rows;

use rusqlite::{named_params, params};

use self::rows::{EDGE_COLUMNS, edge_of};
use super::{MemoryDb, StoreError};
use crate::graph::{AsOf, Edge, GraphChange, GraphError, GraphStore, NodeKey, NoteFacts, Reached};

/// The embedded file's graph.
#[derive(Debug, Clone)]
pub struct EmbeddedGraph {
    db: MemoryDb,
}

impl EmbeddedGraph {
    pub fn new(db: MemoryDb) -> Self {
        Self { db }
    }
}

impl From<StoreError> for GraphError {
    fn from(error: StoreError) -> Self {
        GraphError::Store(error.to_string())
    }
}

impl GraphStore for EmbeddedGraph {
    fn describe(&self) -> String {
        self.db.describe()
    }

    fn record(&self, facts: &NoteFacts, at_ms: i64) -> Result<GraphChange, GraphError> {
        Ok(self.db.with(|conn| record::record(conn, facts, at_ms))?)
    }

    fn expire_note(&self, note: &str, at_ms: i64) -> Result<u64, GraphError> {
        Ok(self.db.with(|conn| {
            let expired = conn.execute(
                "UPDATE edges SET expired_ms = ?2 WHERE expired_ms IS NULL AND from_node =
                     (SELECT id FROM nodes WHERE kind = 'note' AND name = ?1)",
                params![note, at_ms],
            )?;
            Ok(u64::try_from(expired).unwrap_or_default())
        })?)
    }

    fn reach(
        &self,
        seeds: &[String],
        hops: u32,
        as_of: AsOf,
        limit: usize,
    ) -> Result<Vec<Reached>, GraphError> {
        Ok(self
            .db
            .with(|conn| reach::reach(conn, seeds, hops, as_of, limit))?)
    }

    fn edges(&self, node: &NodeKey, as_of: AsOf) -> Result<Vec<Edge>, GraphError> {
        Ok(self.db.with(|conn| {
            let mut stmt = conn.prepare_cached(&format!(
                "{EDGE_COLUMNS} WHERE ((f.kind = :kind AND f.name = :name)
                     OR (t.kind = :kind AND t.name = :name)) AND {} ORDER BY e.id",
                kinds::HOLDS
            ))?;
            let params = named_params! {
                ":kind": kinds::node_kind(node.kind), ":name": node.name,
                ":known": as_of.known_at_ms, ":valid": as_of.valid_at_ms,
            };
            let rows = stmt.query_map(params, edge_of)?;
            Ok(rows
                .map(|row| row.map(|(edge, _)| edge))
                .collect::<Result<_, _>>()?)
        })?)
    }

    fn edge_count(&self, as_of: AsOf) -> Result<u64, GraphError> {
        Ok(self.db.with(|conn| {
            let n: i64 = conn.query_row(
                &format!("SELECT count(*) FROM edges e WHERE {}", kinds::HOLDS),
                named_params! {":known": as_of.known_at_ms, ":valid": as_of.valid_at_ms},
                |row| row.get(0),
            )?;
            Ok(u64::try_from(n).unwrap_or_default())
        })?)
    }
}
