//! What a note states, as graph edges: each link or embed to the note it resolves to (or to a
//! missing note), each tag, each property value that is not a link, its folder and its day.
//! Every edge is valid from the note's date; identical edges (same kind, target and detail)
//! are stated once, at their first line, and the edges come in a fixed order.

use std::collections::BTreeMap;

use super::dates::day_name;
use super::resolve::LinkResolver;
use crate::graph::{EdgeDraft, EdgeKind, NodeKey, NodeKind, NoteFacts};
use crate::note::{Link, ParsedNote};

/// What `note` states, as graph edges (links and embeds resolved, tags, properties, folder,
/// date).
pub fn note_facts(note: &ParsedNote, resolver: &LinkResolver) -> NoteFacts {
    // (kind, target, detail) → line: de-duplicates and orders at once.
    let mut edges: BTreeMap<(EdgeKind, NodeKey, String), u32> = BTreeMap::new();
    let mut state = |kind: EdgeKind, to: NodeKey, detail: String, line: u32| {
        let first = edges.entry((kind, to, detail)).or_insert(line);
        *first = (*first).min(line);
    };
    for link in &note.links {
        let kind = match (&link.property, link.embed) {
            (Some(key), _) => EdgeKind::Property(key.clone()),
            (None, true) => EdgeKind::Embed,
            (None, false) => EdgeKind::Link,
        };
        let to = match resolver.resolve(&link.target) {
            Some(path) => node(NodeKind::Note, path),
            None => node(NodeKind::Missing, link.target.clone()),
        };
        state(kind, to, detail(link), link.line);
    }
    for tagged in &note.tags {
        state(
            EdgeKind::Tag,
            node(NodeKind::Tag, tagged.tag.clone()),
            String::new(),
            tagged.line,
        );
    }
    let link_lines: Vec<(&str, u32)> = note
        .links
        .iter()
        .filter_map(|link| Some((link.property.as_deref()?, link.line)))
        .collect();
    for property in &note.properties {
        for value in &property.values {
            if is_link_value(value) && link_lines.contains(&(property.key.as_str(), property.line))
            {
                continue;
            }
            let name = format!("{}={value}", property.key);
            let kind = EdgeKind::Property(property.key.clone());
            state(
                kind,
                node(NodeKind::Value, name),
                String::new(),
                property.line,
            );
        }
    }
    if let Some((folder, _)) = note.path.rsplit_once('/') {
        state(
            EdgeKind::InFolder,
            node(NodeKind::Folder, folder.to_owned()),
            String::new(),
            0,
        );
    }
    if let Some(date_ms) = note.date_ms {
        state(
            EdgeKind::OnDate,
            node(NodeKind::Date, day_name(date_ms)),
            String::new(),
            0,
        );
    }
    NoteFacts {
        note: note.path.clone(),
        title: note.title.clone(),
        edges: edges
            .into_iter()
            .map(|((kind, to, detail), line)| EdgeDraft {
                kind,
                to,
                detail,
                line,
                valid_from_ms: note.date_ms,
                valid_to_ms: None,
                extraction: None,
            })
            .collect(),
    }
}

fn node(kind: NodeKind, name: String) -> NodeKey {
    NodeKey { kind, name }
}

/// `#Heading`, `^block`, the alias, joined by `|` when a link has several.
fn detail(link: &Link) -> String {
    let parts: Vec<String> = [
        link.heading.as_ref().map(|heading| format!("#{heading}")),
        link.block.as_ref().map(|block| format!("^{block}")),
        link.alias.clone(),
    ]
    .into_iter()
    .flatten()
    .collect();
    parts.join("|")
}

/// A value written as a link (`[[X]]`, `[x](X.md)`) rather than as a plain value.
fn is_link_value(value: &str) -> bool {
    (value.contains("[[") && value.contains("]]")) || value.contains("](")
}

#[cfg(test)]
mod tests;
