//! The graph contract's history half: a note leaving the vault expires everything it stated
//! (history stays readable as of before), and model extractions and valid times read back
//! whole, valid time being a half-open interval.

use crate::graph::{AsOf, EdgeKind, GraphStore, NodeKind};

use super::graph_facts::{T2, T3, at, f_states_a_fact, key};

pub fn expiring_a_note_keeps_its_history(store: &dyn GraphStore) {
    assert_eq!(store.expire_note("a.md", T3).expect("expire a.md"), 6);
    assert_eq!(
        store
            .expire_note("a.md", T3 + 1)
            .expect("expire a.md again"),
        0,
        "already expired"
    );
    assert!(
        store
            .edges(&key(NodeKind::Note, "a.md"), at(T3 + 2))
            .expect("edges")
            .is_empty()
    );
    assert_eq!(
        store
            .edges(&key(NodeKind::Note, "a.md"), at(T2 + 1))
            .expect("edges")
            .len(),
        6,
        "history stays"
    );
    // g.md's link to the missing note is all that holds now (e.md's link is valid only in 100..200).
    assert_eq!(
        store.edge_count(at(T3 + 2)).expect("count"),
        1,
        "{}",
        store.describe()
    );
}

pub fn extractions_and_valid_times_round_trip(store: &dyn GraphStore) {
    let facts = f_states_a_fact();
    store.record(&facts, T3).expect("record f.md");
    let read = store
        .edges(&key(NodeKind::Note, "f.md"), at(T3 + 1))
        .expect("edges of f.md");
    assert_eq!(read.len(), 1);
    assert_eq!(read[0].kind, EdgeKind::Fact("runs_on".to_owned()));
    assert_eq!(read[0].to, key(NodeKind::Value, "gpu=4090"));
    assert_eq!(
        read[0].extraction, facts.edges[0].extraction,
        "the extraction reads back whole"
    );

    let valid = |valid_at_ms| AsOf {
        valid_at_ms,
        known_at_ms: T3 + 1,
    };
    let e_edges = |as_of| {
        store
            .edges(&key(NodeKind::Note, "e.md"), as_of)
            .expect("edges of e.md")
    };
    assert!(e_edges(valid(99)).is_empty(), "not yet valid");
    let held = e_edges(valid(100));
    assert_eq!(held.len(), 1, "valid from its start");
    assert_eq!(
        (held[0].valid_from_ms, held[0].valid_to_ms),
        (Some(100), Some(200))
    );
    assert!(e_edges(valid(200)).is_empty(), "the end is exclusive");
}
