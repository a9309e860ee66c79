//! Graph expansion over `Vec`-backed stores: distance first, then the query's vector or the
//! full-text scores, and the path that explains each chunk.
use super::{ExpandParams, GraphOrder, expand};
use crate::ChunkId;
use crate::graph::AsOf;
use crate::retrieve::fake_stores::{FakeGraph, FakeText, FakeVectors, chunk};

fn link(from: &str, to: &str) -> (String, String) {
    (from.to_string(), to.to_string())
}

/// a → b → c → d and e → a: from a, b and e are one step away, c two, d three.
fn stores() -> (FakeGraph, FakeText, FakeVectors) {
    let graph = FakeGraph {
        links: vec![
            link("a.md", "b.md"),
            link("b.md", "c.md"),
            link("c.md", "d.md"),
            link("e.md", "a.md"),
        ],
        down: false,
    };
    let text = FakeText {
        chunks: vec![
            chunk(1, "a.md", 1, "seed", 0),
            chunk(21, "b.md", 1, "bee one", 0),
            chunk(22, "b.md", 5, "bee two", 0),
            chunk(3, "c.md", 1, "sea", 0),
            chunk(4, "d.md", 1, "dee", 0),
            chunk(5, "e.md", 1, "ee", 0),
        ],
    };
    let vectors = FakeVectors {
        points: vec![
            (ChunkId(21), vec![0.0, 1.0]),
            (ChunkId(22), vec![1.0, 0.0]),
            (ChunkId(5), vec![0.6, 0.8]),
            (ChunkId(3), vec![1.0, 0.0]),
        ],
        down: false,
    };
    (graph, text, vectors)
}

fn seeds() -> Vec<String> {
    vec!["a.md".to_string()]
}

#[test]
fn each_note_offers_its_best_passage_ranked_by_relevance_discounted_by_distance() {
    let (graph, text, vectors) = stores();
    let order = GraphOrder::Vector {
        store: &vectors,
        query: &[1.0, 0.0],
    };
    let found = expand(
        &graph,
        &text,
        &seeds(),
        AsOf::now(0),
        order,
        &ExpandParams::default(),
        50,
    )
    .unwrap();
    let ids: Vec<u64> = found.iter().map(|c| c.chunk.id.0).collect();
    // b's best passage b2 (cos 1 / 1), e (0.6 / 1), c (two steps away); b1 is b's second
    // passage, so it is not offered; d is three steps away.
    assert_eq!(ids, [22, 5, 3]);
    assert_eq!(found[0].score, 0.5);
    assert!((found[2].score - 1.0 / 3.0).abs() < 1e-12);
    assert_eq!(found[2].reached.path, ["a.md", "b.md", "c.md"]);
    assert_eq!(found[2].reached.distance, 2);
    assert_eq!(found[1].reached.via, ["backlink"]);
}

#[test]
fn without_a_query_vector_full_text_scores_order_a_distance_then_note_order() {
    let (graph, text, _) = stores();
    let scores = [(ChunkId(21), 3.0), (ChunkId(5), 1.0)];
    let order = GraphOrder::FullText(&scores);
    let found = expand(
        &graph,
        &text,
        &seeds(),
        AsOf::now(0),
        order,
        &ExpandParams::default(),
        50,
    )
    .unwrap();
    let ids: Vec<u64> = found.iter().map(|c| c.chunk.id.0).collect();
    // b offers its passage full text scored best (b1), then e; c is two steps away.
    assert_eq!(ids, [21, 5, 3]);
}

#[test]
fn hops_and_limit_bound_the_walk() {
    let (graph, text, _) = stores();
    let one_hop = ExpandParams {
        hops: 1,
        ..ExpandParams::default()
    };
    let found = expand(
        &graph,
        &text,
        &seeds(),
        AsOf::now(0),
        GraphOrder::FullText(&[]),
        &one_hop,
        50,
    )
    .unwrap();
    assert!(found.iter().all(|c| c.reached.distance == 1));
    // b and e, one passage each.
    assert_eq!(found.len(), 2);
    let three = ExpandParams {
        hops: 3,
        ..ExpandParams::default()
    };
    let found = expand(
        &graph,
        &text,
        &seeds(),
        AsOf::now(0),
        GraphOrder::FullText(&[]),
        &three,
        2,
    )
    .unwrap();
    assert_eq!(found.len(), 2);
    let none = expand(
        &graph,
        &text,
        &[],
        AsOf::now(0),
        GraphOrder::FullText(&[]),
        &three,
        50,
    )
    .unwrap();
    assert!(none.is_empty());
}

#[test]
fn a_failing_graph_store_is_an_error_naming_it() {
    let (mut graph, text, _) = stores();
    graph.down = true;
    let failed = expand(
        &graph,
        &text,
        &seeds(),
        AsOf::now(0),
        GraphOrder::FullText(&[]),
        &ExpandParams::default(),
        50,
    );
    assert_eq!(failed.unwrap_err().to_string(), "fake graph is down");
}
