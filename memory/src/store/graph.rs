//! `GraphStore` in the embedded file: nodes and bi-temporal edges. `record` diffs what a note
//! states now against its unexpired edges (unchanged kept, gone expired, new created), so
//! recording every note on every sync is cheap; nothing is ever deleted.

mod kinds;
mod reach;

use rusqlite::{Connection, Row, named_params, params};

use super::{MemoryDb, StoreError};
use crate::graph::{
    AsOf, Edge, EdgeDraft, Extraction, GraphChange, GraphError, GraphStore, NodeKey, NodeKind,
    NoteFacts, Reached,
};

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

fn node_id(conn: &Connection, key: &NodeKey) -> Result<i64, StoreError> {
    let kind = kinds::node_kind(key.kind);
    conn.execute(
        "INSERT INTO nodes (kind, name) VALUES (?1, ?2) ON CONFLICT (kind, name) DO NOTHING",
        params![kind, key.name],
    )?;
    Ok(conn.query_row(
        "SELECT id FROM nodes WHERE kind = ?1 AND name = ?2",
        params![kind, key.name],
        |row| row.get(0),
    )?)
}

const EDGE_COLUMNS: &str = "SELECT f.kind, f.name, e.kind, t.kind, t.name, e.detail, e.line,
    e.valid_from_ms, e.valid_to_ms, e.created_ms, e.expired_ms, e.model, e.confidence,
    e.span_start, e.span_end, e.id
    FROM edges e JOIN nodes f ON f.id = e.from_node JOIN nodes t ON t.id = e.to_node";

fn edge_of(row: &Row<'_>) -> rusqlite::Result<(Edge, i64)> {
    let node = |kind: String, name: String| NodeKey {
        kind: kinds::node_kind_from(&kind).unwrap_or(NodeKind::Value),
        name,
    };
    let kind: String = row.get(2)?;
    let model: Option<String> = row.get(11)?;
    let edge = Edge {
        from: node(row.get(0)?, row.get(1)?),
        kind: kinds::edge_kind_from(&kind).unwrap_or(crate::graph::EdgeKind::Fact(kind)),
        to: node(row.get(3)?, row.get(4)?),
        detail: row.get(5)?,
        line: row.get(6)?,
        valid_from_ms: row.get(7)?,
        valid_to_ms: row.get(8)?,
        created_ms: row.get(9)?,
        expired_ms: row.get(10)?,
        extraction: match model {
            Some(model) => Some(Extraction {
                model,
                confidence: row.get::<_, f64>(12)? as f32,
                line_start: row.get(13)?,
                line_end: row.get(14)?,
            }),
            None => None,
        },
    };
    Ok((edge, row.get(15)?))
}

/// Whether a stored edge states what `draft` states (the line may move).
fn same_fact(edge: &Edge, draft: &EdgeDraft) -> bool {
    edge.kind == draft.kind
        && edge.to == draft.to
        && edge.detail == draft.detail
        && edge.valid_from_ms == draft.valid_from_ms
        && edge.valid_to_ms == draft.valid_to_ms
}

fn record(conn: &mut Connection, facts: &NoteFacts, at_ms: i64) -> Result<GraphChange, StoreError> {
    let tx = conn.transaction()?;
    let from = node_id(
        &tx,
        &NodeKey {
            kind: NodeKind::Note,
            name: facts.note.clone(),
        },
    )?;
    let mut current: Vec<Option<(Edge, i64)>> = {
        let mut stmt = tx.prepare(&format!(
            "{EDGE_COLUMNS} WHERE e.from_node = ?1 AND e.expired_ms IS NULL ORDER BY e.id"
        ))?;
        let rows = stmt.query_map([from], edge_of)?;
        rows.map(|row| row.map(Some)).collect::<Result<_, _>>()?
    };
    let mut change = GraphChange::default();
    for draft in &facts.edges {
        let kept = current
            .iter_mut()
            .find(|slot| {
                slot.as_ref()
                    .is_some_and(|(edge, _)| same_fact(edge, draft))
            })
            .and_then(Option::take);
        if let Some((_, id)) = kept {
            tx.execute(
                "UPDATE edges SET line = ?2 WHERE id = ?1",
                params![id, draft.line],
            )?;
            change.kept += 1;
            continue;
        }
        let to = node_id(&tx, &draft.to)?;
        let extraction = draft.extraction.as_ref();
        tx.execute(
            "INSERT INTO edges (from_node, kind, to_node, detail, line, valid_from_ms, valid_to_ms,
                 created_ms, expired_ms, model, confidence, span_start, span_end)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULL, ?9, ?10, ?11, ?12)",
            params![
                from,
                kinds::edge_kind(&draft.kind),
                to,
                draft.detail,
                draft.line,
                draft.valid_from_ms,
                draft.valid_to_ms,
                at_ms,
                extraction.map(|e| e.model.clone()),
                extraction.map(|e| f64::from(e.confidence)),
                extraction.map(|e| e.line_start),
                extraction.map(|e| e.line_end),
            ],
        )?;
        change.created += 1;
    }
    for (_, id) in current.into_iter().flatten() {
        tx.execute(
            "UPDATE edges SET expired_ms = ?2 WHERE id = ?1",
            params![id, at_ms],
        )?;
        change.expired += 1;
    }
    tx.commit()?;
    Ok(change)
}

impl GraphStore for EmbeddedGraph {
    fn describe(&self) -> String {
        self.db.describe()
    }

    fn record(&self, facts: &NoteFacts, at_ms: i64) -> Result<GraphChange, GraphError> {
        Ok(self.db.with(|conn| record(conn, facts, at_ms))?)
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
