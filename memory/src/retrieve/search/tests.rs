//! Hybrid search over `Vec`-backed stores: fusion, the warnings, graph expansion, recency and
//! diversity, each against hand-computed expectations.
use crate::ChunkId;
use crate::graph::AsOf;
use crate::retrieve::fake_stores::{FakeGraph, FakeText, FakeVectors, chunk, space};
use crate::retrieve::{
    MmrParams, Query, QueryEmbedding, RecencyParams, Retriever, SearchError, SearchParams, Stores,
    search,
};
use crate::text_index::StoredChunk;

const NOW: i64 = 1_800_000_000_000;
const YEAR: i64 = 365 * 24 * 60 * 60 * 1000;

struct Fixture {
    text: FakeText,
    vectors: FakeVectors,
    graph: FakeGraph,
}

impl Fixture {
    fn new(rows: &[(u64, &str, &str, [f32; 2])]) -> Self {
        let chunks: Vec<StoredChunk> = rows
            .iter()
            .map(|(id, note, text, _)| chunk(*id, note, 1, text, NOW))
            .collect();
        let points = rows
            .iter()
            .map(|(id, _, _, v)| (ChunkId(*id), v.to_vec()))
            .collect();
        Self {
            text: FakeText { chunks },
            vectors: FakeVectors {
                points,
                down: false,
            },
            graph: FakeGraph::default(),
        }
    }

    fn stores(&self) -> Stores<'_> {
        Stores {
            text: &self.text,
            vectors: &self.vectors,
            graph: &self.graph,
        }
    }
}

fn query(text: &str, vector: Option<[f32; 2]>) -> Query {
    Query {
        text: text.to_string(),
        embedding: match vector {
            Some(v) => QueryEmbedding::Vector {
                space: space(),
                vector: v.to_vec(),
            },
            None => QueryEmbedding::Unavailable(
                "the embed job for nomic-embed-text was rejected: no node".to_string(),
            ),
        },
        retrievers: Vec::new(),
        as_of: AsOf::now(NOW),
        limit: 0,
    }
}

fn ids(hits: &[crate::retrieve::Hit]) -> Vec<u64> {
    hits.iter().map(|hit| hit.chunk.id.0).collect()
}

fn three_chunks() -> Fixture {
    Fixture::new(&[
        (1, "a.md", "alpha beta", [0.0, 1.0]),
        (2, "b.md", "alpha", [1.0, 0.0]),
        (3, "c.md", "gamma", [0.8, 0.6]),
    ])
}

#[test]
fn full_text_and_vectors_are_fused_and_each_hit_says_who_found_it() {
    let fixture = three_chunks();
    let found = search(
        &fixture.stores(),
        &query("alpha beta", Some([1.0, 0.0])),
        &SearchParams::default(),
    )
    .unwrap();
    // Full text: 1, 2. Vectors: 2 (1.0), 3 (0.8), 1 (0.0). So 2 = 1/62 + 1/61, 1 = 1/61 + 1/63.
    assert_eq!(ids(&found.hits), [2, 1, 3]);
    assert!(found.warnings.is_empty(), "{:?}", found.warnings);
    let best = &found.hits[0];
    assert!((best.score - (1.0 / 62.0 + 1.0 / 61.0)).abs() < 1e-12);
    let by: Vec<(Retriever, u32)> = best
        .found_by
        .iter()
        .map(|r| (r.retriever, r.rank))
        .collect();
    assert_eq!(by, [(Retriever::FullText, 2), (Retriever::Vector, 1)]);
    assert_eq!(best.found_by[1].score, 1.0);
}

#[test]
fn without_a_query_vector_the_search_says_why_and_uses_the_rest() {
    let fixture = three_chunks();
    let found = search(
        &fixture.stores(),
        &query("alpha", None),
        &SearchParams::default(),
    )
    .unwrap();
    assert_eq!(
        found.warnings,
        ["vectors not used: the embed job for nomic-embed-text was rejected: no node"]
    );
    assert_eq!(ids(&found.hits), [1, 2]);
    assert!(found.hits.iter().all(|hit| {
        hit.found_by
            .iter()
            .all(|r| r.retriever == Retriever::FullText)
    }));
    let mut full_text_only = query("alpha", None);
    full_text_only.retrievers = vec![Retriever::FullText];
    let found = search(&fixture.stores(), &full_text_only, &SearchParams::default()).unwrap();
    assert!(found.warnings.is_empty());
}

#[test]
fn failing_vector_and_graph_stores_narrow_the_search_with_warnings() {
    let mut fixture = three_chunks();
    fixture.vectors.down = true;
    fixture.graph.down = true;
    let found = search(
        &fixture.stores(),
        &query("alpha", Some([1.0, 0.0])),
        &SearchParams::default(),
    )
    .unwrap();
    assert_eq!(
        found.warnings,
        [
            "vectors not used: fake vectors are down",
            "graph not used: fake graph is down"
        ]
    );
    assert_eq!(ids(&found.hits), [1, 2]);
}

#[test]
fn the_graph_adds_linked_notes_with_the_path_that_reached_them() {
    let mut fixture = Fixture::new(&[
        (1, "a.md", "alpha", [1.0, 0.0]),
        (4, "b.md", "unrelated words", [0.0, 1.0]),
    ]);
    fixture.graph.links = vec![("a.md".to_string(), "b.md".to_string())];
    let found = search(
        &fixture.stores(),
        &query("alpha", None),
        &SearchParams::default(),
    )
    .unwrap();
    assert_eq!(ids(&found.hits), [1, 4]);
    assert_eq!(found.hits[1].graph_path, ["a.md", "b.md"]);
    assert_eq!(found.hits[1].graph_via, ["link"]);
    let mut graph_only = query("alpha", None);
    graph_only.retrievers = vec![Retriever::Graph];
    let found = search(&fixture.stores(), &graph_only, &SearchParams::default()).unwrap();
    assert!(found.warnings.is_empty());
    assert_eq!(ids(&found.hits), [4]);
    let by = &found.hits[0].found_by;
    assert_eq!(
        (by.len(), by[0].retriever, by[0].rank, by[0].score),
        (1, Retriever::Graph, 1, 0.5)
    );
}

#[test]
fn recency_breaks_a_fused_tie_for_the_newer_note_unless_disabled() {
    let mut fixture = Fixture::new(&[
        (5, "old.md", "delta", [0.6, 0.8]),
        (6, "new.md", "delta", [1.0, 0.0]),
    ]);
    fixture.text.chunks[0].note_time_ms = NOW - 3 * YEAR;
    // Both fuse to 1/61 + 1/62; the tie goes to the lower id, 5, without recency.
    let relevance_only = SearchParams {
        mmr: MmrParams { lambda: 1.0 },
        ..SearchParams::default()
    };
    let found = search(
        &fixture.stores(),
        &query("delta", Some([1.0, 0.0])),
        &relevance_only,
    )
    .unwrap();
    assert_eq!(ids(&found.hits), [6, 5]);
    let old = &found.hits[1];
    assert!((old.recency_factor - 0.825).abs() < 1e-9);
    assert!((old.score - 0.825 * (1.0 / 61.0 + 1.0 / 62.0)).abs() < 1e-12);
    let no_recency = SearchParams {
        recency: RecencyParams {
            weight: 0.0,
            ..RecencyParams::default()
        },
        ..relevance_only
    };
    let found = search(
        &fixture.stores(),
        &query("delta", Some([1.0, 0.0])),
        &no_recency,
    )
    .unwrap();
    assert_eq!(ids(&found.hits), [5, 6]);
}

#[test]
fn diversity_lets_a_different_passage_past_a_near_duplicate_and_limit_holds() {
    let fixture = Fixture::new(&[
        (7, "a.md", "echo echo echo echo", [1.0, 0.0]),
        (8, "b.md", "echo echo echo", [1.0, 0.0]),
        (9, "c.md", "echo echo", [0.0, 1.0]),
        (
            10,
            "d.md",
            "echo",
            [
                std::f32::consts::FRAC_1_SQRT_2,
                std::f32::consts::FRAC_1_SQRT_2,
            ],
        ),
    ]);
    let mut asked = query("echo", None);
    asked.retrievers = vec![Retriever::FullText];
    asked.limit = 3;
    // Relevance 1/61..1/64 rescaled: 1, 0.656, 0.323, 0. After 7: 8 = 0.7·0.656 − 0.3 = 0.16,
    // 9 = 0.7·0.323 = 0.23, so 9.
    let found = search(&fixture.stores(), &asked, &SearchParams::default()).unwrap();
    assert_eq!(ids(&found.hits), [7, 9, 8]);
    let relevance_only = SearchParams {
        mmr: MmrParams { lambda: 1.0 },
        ..SearchParams::default()
    };
    let found = search(&fixture.stores(), &asked, &relevance_only).unwrap();
    assert_eq!(ids(&found.hits), [7, 8, 9]);
}

#[test]
fn an_empty_query_is_refused() {
    let fixture = three_chunks();
    let refused = search(
        &fixture.stores(),
        &query("  ", None),
        &SearchParams::default(),
    );
    assert!(matches!(refused, Err(SearchError::EmptyQuery)));
}
