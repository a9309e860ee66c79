//! How graph values travel over Bolt: a node kind as its label, an edge draft as the map of
//! properties one `STATES` relationship carries, and a returned row back into an `Edge`.
//! Every edge also carries its endpoints' kinds and names, so reading one needs no join.

use std::collections::HashMap;

use ::neo4j::driver::Record;
use ::neo4j::{ValueReceive, ValueSend};

use crate::graph::{Edge, EdgeDraft, EdgeKind, Extraction, NodeKey, NodeKind};

/// The label of a node of `kind`: from this closed list only, never from user text (labels
/// cannot be query parameters in Cypher).
pub fn label(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Note => "Note",
        NodeKind::Missing => "Missing",
        NodeKind::Tag => "Tag",
        NodeKind::Folder => "Folder",
        NodeKind::Date => "Date",
        NodeKind::Value => "Value",
    }
}

fn kind_of_label(label: &str) -> Option<NodeKind> {
    [
        NodeKind::Note,
        NodeKind::Missing,
        NodeKind::Tag,
        NodeKind::Folder,
        NodeKind::Date,
        NodeKind::Value,
    ]
    .into_iter()
    .find(|kind| self::label(*kind) == label)
}

/// The edge kind as two strings: its name and, for properties and facts, their key.
pub fn edge_kind_parts(kind: &EdgeKind) -> (&'static str, &str) {
    match kind {
        EdgeKind::Link => ("link", ""),
        EdgeKind::Embed => ("embed", ""),
        EdgeKind::Tag => ("tag", ""),
        EdgeKind::Property(key) => ("property", key),
        EdgeKind::InFolder => ("in_folder", ""),
        EdgeKind::OnDate => ("on_date", ""),
        EdgeKind::Fact(relation) => ("fact", relation),
    }
}

fn edge_kind_of(name: &str, key: String) -> Option<EdgeKind> {
    Some(match name {
        "link" => EdgeKind::Link,
        "embed" => EdgeKind::Embed,
        "tag" => EdgeKind::Tag,
        "property" => EdgeKind::Property(key),
        "in_folder" => EdgeKind::InFolder,
        "on_date" => EdgeKind::OnDate,
        "fact" => EdgeKind::Fact(key),
        _ => return None,
    })
}

/// What makes an edge "the same" across revisions of a note: kind, target, detail and valid
/// times (not its line, which moves with every edit above it).
pub fn signature(draft: &EdgeDraft) -> String {
    let (kind, key) = edge_kind_parts(&draft.kind);
    format!(
        "{kind}\u{1f}{key}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{:?}\u{1f}{:?}",
        label(draft.to.kind),
        draft.to.name,
        draft.detail,
        draft.valid_from_ms,
        draft.valid_to_ms
    )
}

/// The relationship's properties for `draft`, stated by `note` and created at `at_ms`.
pub fn edge_properties(note: &str, draft: &EdgeDraft, at_ms: i64) -> HashMap<String, ValueSend> {
    let (kind, key) = edge_kind_parts(&draft.kind);
    let extraction = draft.extraction.as_ref();
    let fields: [(&str, ValueSend); 16] = [
        ("sig", signature(draft).into()),
        ("note", note.into()),
        ("from_kind", "Note".into()),
        ("from_name", note.into()),
        ("to_kind", label(draft.to.kind).into()),
        ("to_name", draft.to.name.as_str().into()),
        ("kind", kind.into()),
        ("key", key.into()),
        ("detail", draft.detail.as_str().into()),
        ("line", draft.line.into()),
        ("valid_from", draft.valid_from_ms.into()),
        ("valid_to", draft.valid_to_ms.into()),
        ("created", at_ms.into()),
        ("ex_model", extraction.map(|e| e.model.clone()).into()),
        (
            "ex_confidence",
            extraction.map(|e| f64::from(e.confidence)).into(),
        ),
        (
            "ex_lines",
            extraction
                .map(|e| vec![i64::from(e.line_start), i64::from(e.line_end)])
                .into(),
        ),
    ];
    fields
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value))
        .collect()
}

/// The `RETURN` list that `edge_of_record` reads.
pub const EDGE_COLUMNS: &str = "r.from_kind AS from_kind, r.from_name AS from_name, \
     r.to_kind AS to_kind, r.to_name AS to_name, r.kind AS kind, r.key AS key, \
     r.detail AS detail, r.line AS line, r.valid_from AS valid_from, r.valid_to AS valid_to, \
     r.created AS created, r.expired AS expired, r.ex_model AS ex_model, \
     r.ex_confidence AS ex_confidence, r.ex_lines AS ex_lines";

fn text(record: &Record, column: &str) -> Option<String> {
    record.value(column)?.as_string().cloned()
}

fn int(record: &Record, column: &str) -> Option<i64> {
    record.value(column)?.as_int()
}

/// An edge from a row of `EDGE_COLUMNS`; `None` for a row this store did not write.
pub fn edge_of_record(record: &Record) -> Option<Edge> {
    let node = |kind: &str, name: &str| -> Option<NodeKey> {
        Some(NodeKey {
            kind: kind_of_label(&text(record, kind)?)?,
            name: text(record, name)?,
        })
    };
    let extraction = match (text(record, "ex_model"), record.value("ex_lines")) {
        (Some(model), Some(ValueReceive::List(lines))) if lines.len() == 2 => Some(Extraction {
            model,
            #[expect(clippy::cast_possible_truncation, reason = "stored from an f32")]
            confidence: record.value("ex_confidence")?.as_float()? as f32,
            line_start: u32::try_from(lines[0].as_int()?).ok()?,
            line_end: u32::try_from(lines[1].as_int()?).ok()?,
        }),
        _ => None,
    };
    Some(Edge {
        from: node("from_kind", "from_name")?,
        kind: edge_kind_of(
            &text(record, "kind")?,
            text(record, "key").unwrap_or_default(),
        )?,
        to: node("to_kind", "to_name")?,
        detail: text(record, "detail").unwrap_or_default(),
        line: u32::try_from(int(record, "line")?).ok()?,
        valid_from_ms: int(record, "valid_from"),
        valid_to_ms: int(record, "valid_to"),
        created_ms: int(record, "created")?,
        expired_ms: int(record, "expired"),
        extraction,
    })
}

#[cfg(test)]
mod tests;
