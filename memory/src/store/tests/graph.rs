//! The bi-temporal graph: record diffs, expiry, AsOf on both axes, and reach both ways.

use super::temp_db;
use crate::graph::{AsOf, EdgeDraft, EdgeKind, GraphStore, NodeKey, NodeKind, NoteFacts};
use crate::store::EmbeddedGraph;

fn link(to: &str, valid_from_ms: Option<i64>) -> EdgeDraft {
    EdgeDraft {
        kind: EdgeKind::Link,
        to: NodeKey {
            kind: NodeKind::Note,
            name: to.to_owned(),
        },
        detail: String::new(),
        line: 1,
        valid_from_ms,
        valid_to_ms: None,
        extraction: None,
    }
}

fn facts(note: &str, edges: Vec<EdgeDraft>) -> NoteFacts {
    NoteFacts {
        note: note.to_owned(),
        title: note.to_owned(),
        edges,
    }
}

fn reached(
    graph: &EmbeddedGraph,
    seed: &str,
    hops: u32,
    as_of: AsOf,
) -> Vec<(String, u32, Vec<String>)> {
    let hits = graph
        .reach(&[seed.to_owned()], hops, as_of, 10)
        .expect("reach");
    hits.into_iter()
        .map(|r| (r.note, r.distance, r.via))
        .collect()
}

#[test]
fn record_keeps_unchanged_edges_and_expires_dropped_ones() {
    let (_dir, db) = temp_db();
    let graph = EmbeddedGraph::new(db);
    let first = graph
        .record(
            &facts("a.md", vec![link("b.md", None), link("c.md", None)]),
            100,
        )
        .expect("record");
    assert_eq!((first.created, first.expired, first.kept), (2, 0, 0));
    let again = graph
        .record(
            &facts("a.md", vec![link("b.md", None), link("c.md", None)]),
            150,
        )
        .expect("again");
    assert_eq!((again.created, again.expired, again.kept), (0, 0, 2));
    let edit = graph
        .record(&facts("a.md", vec![link("b.md", None)]), 200)
        .expect("edit");
    assert_eq!((edit.created, edit.expired, edit.kept), (0, 1, 1));
    let a = NodeKey {
        kind: NodeKind::Note,
        name: "a.md".to_owned(),
    };
    assert_eq!(graph.edges(&a, AsOf::now(150)).expect("edges").len(), 2);
    let now = graph.edges(&a, AsOf::now(250)).expect("edges");
    assert_eq!(now.len(), 1);
    assert_eq!((now[0].to.name.as_str(), now[0].created_ms), ("b.md", 100));
    assert_eq!(graph.edges(&a, AsOf::now(50)).expect("before").len(), 0);
    assert_eq!(graph.expire_note("a.md", 300).expect("expire"), 1);
    assert_eq!(graph.edge_count(AsOf::now(350)).expect("count"), 0);
    assert_eq!(graph.edge_count(AsOf::now(250)).expect("count"), 1);
}

#[test]
fn reach_walks_two_hops_both_ways_and_respects_as_of() {
    let (_dir, db) = temp_db();
    let graph = EmbeddedGraph::new(db);
    // a -> b (valid from 1000 on), c -> b, c -> d; later c drops its link to d.
    graph
        .record(&facts("a.md", vec![link("b.md", Some(1_000))]), 100)
        .expect("a");
    graph
        .record(
            &facts("c.md", vec![link("b.md", None), link("d.md", None)]),
            100,
        )
        .expect("c");
    graph
        .record(&facts("c.md", vec![link("b.md", None)]), 200)
        .expect("c edited");
    let before_edit = AsOf {
        valid_at_ms: 5_000,
        known_at_ms: 150,
    };
    assert_eq!(
        reached(&graph, "a.md", 2, before_edit),
        [
            ("b.md".to_owned(), 1, vec!["link".to_owned()]),
            (
                "c.md".to_owned(),
                2,
                vec!["link".to_owned(), "backlink".to_owned()]
            ),
        ]
    );
    assert_eq!(
        reached(&graph, "a.md", 3, before_edit)
            .last()
            .map(|r| r.0.clone()),
        Some("d.md".to_owned())
    );
    assert_eq!(
        reached(&graph, "a.md", 3, AsOf::now(5_000)).len(),
        2,
        "c no longer links d"
    );
    let before_valid = AsOf {
        valid_at_ms: 500,
        known_at_ms: 150,
    };
    assert!(
        reached(&graph, "a.md", 3, before_valid).is_empty(),
        "a -> b not yet valid"
    );
    assert_eq!(
        reached(&graph, "d.md", 1, before_edit),
        [("c.md".to_owned(), 1, vec!["backlink".to_owned()])]
    );
}
