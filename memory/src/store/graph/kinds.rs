//! How node and edge kinds are spelled in the graph tables, and the SQL that says whether an
//! edge holds at an `AsOf`.

use crate::graph::{EdgeKind, NodeKind};

pub(super) fn node_kind(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Note => "note",
        NodeKind::Missing => "missing",
        NodeKind::Tag => "tag",
        NodeKind::Folder => "folder",
        NodeKind::Date => "date",
        NodeKind::Value => "value",
    }
}

pub(super) fn node_kind_from(text: &str) -> Option<NodeKind> {
    Some(match text {
        "note" => NodeKind::Note,
        "missing" => NodeKind::Missing,
        "tag" => NodeKind::Tag,
        "folder" => NodeKind::Folder,
        "date" => NodeKind::Date,
        "value" => NodeKind::Value,
        _ => return None,
    })
}

pub(super) fn edge_kind(kind: &EdgeKind) -> String {
    match kind {
        EdgeKind::Link => "link".to_owned(),
        EdgeKind::Embed => "embed".to_owned(),
        EdgeKind::Tag => "tag".to_owned(),
        EdgeKind::Property(key) => format!("property:{key}"),
        EdgeKind::InFolder => "in_folder".to_owned(),
        EdgeKind::OnDate => "on_date".to_owned(),
        EdgeKind::Fact(relation) => format!("fact:{relation}"),
    }
}

pub(super) fn edge_kind_from(text: &str) -> Option<EdgeKind> {
    if let Some(key) = text.strip_prefix("property:") {
        return Some(EdgeKind::Property(key.to_owned()));
    }
    if let Some(relation) = text.strip_prefix("fact:") {
        return Some(EdgeKind::Fact(relation.to_owned()));
    }
    Some(match text {
        "link" => EdgeKind::Link,
        "embed" => EdgeKind::Embed,
        "tag" => EdgeKind::Tag,
        "in_folder" => EdgeKind::InFolder,
        "on_date" => EdgeKind::OnDate,
        _ => return None,
    })
}

/// How a step over an edge of `kind` reads, walked along (`forward`) or against it.
pub(super) fn step_label(kind: &str, forward: bool) -> String {
    match (kind, forward) {
        ("link", true) => "link".to_owned(),
        ("link", false) => "backlink".to_owned(),
        ("embed", true) => "embed".to_owned(),
        ("embed", false) => "embedded by".to_owned(),
        (other, true) => other.to_owned(),
        (other, false) => format!("{other} (from)"),
    }
}

/// An edge (alias `e`) holds at `?known` (system time) and `?valid` (valid time), as `AsOf`
/// documents; named parameters `:known` and `:valid`.
pub(super) const HOLDS: &str = "e.created_ms <= :known
    AND (e.expired_ms IS NULL OR :known < e.expired_ms)
    AND (e.valid_from_ms IS NULL OR e.valid_from_ms <= :valid)
    AND (e.valid_to_ms IS NULL OR :valid < e.valid_to_ms)";
