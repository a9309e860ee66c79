//! Graph rows: a node's id (made on first use) and an edge read back with both its ends.

use rusqlite::{Connection, Row, params};

use super::kinds;
use crate::graph::{Edge, Extraction, NodeKey, NodeKind};
use crate::store::StoreError;

pub(super) fn node_id(conn: &Connection, key: &NodeKey) -> Result<i64, StoreError> {
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

pub(super) const EDGE_COLUMNS: &str =
    "SELECT f.kind, f.name, e.kind, t.kind, t.name, e.detail, e.line,
    e.valid_from_ms, e.valid_to_ms, e.created_ms, e.expired_ms, e.model, e.confidence,
    e.span_start, e.span_end, e.id
    FROM edges e JOIN nodes f ON f.id = e.from_node JOIN nodes t ON t.id = e.to_node";

pub(super) fn edge_of(row: &Row<'_>) -> rusqlite::Result<(Edge, i64)> {
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
