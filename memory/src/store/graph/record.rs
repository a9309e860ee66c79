//! `record`: what a note states now diffed against its unexpired edges. An unchanged edge is
//! kept (its line follows the text), one no longer stated expires, a new one is created.

use rusqlite::{Connection, params};

use super::kinds;
use super::rows::{EDGE_COLUMNS, edge_of, node_id};
use crate::graph::{Edge, EdgeDraft, GraphChange, NodeKey, NodeKind, NoteFacts};
use crate::store::StoreError;

/// Whether a stored edge states what `draft` states (the line may move).
fn same_fact(edge: &Edge, draft: &EdgeDraft) -> bool {
    edge.kind == draft.kind
        && edge.to == draft.to
        && edge.detail == draft.detail
        && edge.valid_from_ms == draft.valid_from_ms
        && edge.valid_to_ms == draft.valid_to_ms
}

pub(super) fn record(
    conn: &mut Connection,
    facts: &NoteFacts,
    at_ms: i64,
) -> Result<GraphChange, StoreError> {
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
