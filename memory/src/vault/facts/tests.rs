//! Facts: link kinds, resolution, tags, values, folder, date, de-duplication and order.

use super::super::resolve::LinkResolver;
use super::note_facts;
use crate::graph::{EdgeKind, NodeKey, NodeKind};
use crate::note::{Link, ParsedNote, Property, Tagged};

fn link(target: &str, line: u32) -> Link {
    Link {
        target: target.into(),
        heading: None,
        block: None,
        alias: None,
        embed: false,
        property: None,
        line,
    }
}

fn note() -> ParsedNote {
    ParsedNote {
        path: "Projects/AI/Risk.md".into(),
        title: "Risk".into(),
        content_hash: String::new(),
        modified_ms: 0,
        date_ms: Some(1_796_256_000_000),
        aliases: vec![],
        properties: vec![
            Property {
                key: "status".into(),
                values: vec!["draft".into()],
                line: 2,
            },
            Property {
                key: "related".into(),
                values: vec!["[[Home]]".into()],
                line: 3,
            },
        ],
        tags: vec![
            Tagged {
                tag: "ai".into(),
                line: 5,
            },
            Tagged {
                tag: "ai".into(),
                line: 9,
            },
        ],
        links: vec![
            Link {
                property: Some("related".into()),
                ..link("Home", 3)
            },
            Link {
                heading: Some("Intro".into()),
                ..link("home", 6)
            },
            link("Home", 8),
            link("Home", 7),
            Link {
                embed: true,
                block: Some("b1".into()),
                ..link("Gone", 8)
            },
        ],
        chunks: vec![],
        warnings: vec![],
    }
}

fn key(kind: NodeKind, name: &str) -> NodeKey {
    NodeKey {
        kind,
        name: name.into(),
    }
}

#[test]
fn a_note_states_links_tags_values_folder_and_day_once_each_in_order() {
    let resolver = LinkResolver::new([("Home.md", &[][..])]);
    let facts = note_facts(&note(), &resolver);
    assert_eq!(
        (facts.note.as_str(), facts.title.as_str()),
        ("Projects/AI/Risk.md", "Risk")
    );
    let edges: Vec<(EdgeKind, NodeKey, &str, u32)> = facts
        .edges
        .iter()
        .map(|edge| {
            (
                edge.kind.clone(),
                edge.to.clone(),
                edge.detail.as_str(),
                edge.line,
            )
        })
        .collect();
    assert_eq!(
        edges,
        vec![
            (EdgeKind::Link, key(NodeKind::Note, "Home.md"), "", 7),
            (EdgeKind::Link, key(NodeKind::Note, "Home.md"), "#Intro", 6),
            (EdgeKind::Embed, key(NodeKind::Missing, "Gone"), "^b1", 8),
            (EdgeKind::Tag, key(NodeKind::Tag, "ai"), "", 5),
            (
                EdgeKind::Property("related".into()),
                key(NodeKind::Note, "Home.md"),
                "",
                3
            ),
            (
                EdgeKind::Property("status".into()),
                key(NodeKind::Value, "status=draft"),
                "",
                2
            ),
            (
                EdgeKind::InFolder,
                key(NodeKind::Folder, "Projects/AI"),
                "",
                0
            ),
            (EdgeKind::OnDate, key(NodeKind::Date, "2026-12-03"), "", 0),
        ]
    );
    assert!(
        facts
            .edges
            .iter()
            .all(|edge| edge.valid_from_ms == Some(1_796_256_000_000))
    );
    assert!(
        facts
            .edges
            .iter()
            .all(|edge| edge.valid_to_ms.is_none() && edge.extraction.is_none())
    );
}

#[test]
fn a_root_note_without_a_day_has_no_folder_or_date_edge() {
    let mut root = note();
    root.path = "Risk.md".into();
    root.date_ms = None;
    let facts = note_facts(&root, &LinkResolver::default());
    assert!(
        facts
            .edges
            .iter()
            .all(|edge| !matches!(edge.kind, EdgeKind::InFolder | EdgeKind::OnDate))
    );
    assert!(facts.edges.iter().all(|edge| edge.valid_from_ms.is_none()));
    // Without the note, the links point at missing notes, named as written.
    assert!(
        facts
            .edges
            .iter()
            .any(|edge| edge.to == key(NodeKind::Missing, "home"))
    );
    assert_eq!(facts, note_facts(&root, &LinkResolver::default()));
}
