//! The graph contract's recording half: recording twice changes nothing, a revision that stops
//! stating an edge expires it (still seen as of before), an unchanged edge is kept as it was,
//! a missing target is one node, and edges read back with their fields.

use crate::graph::{AsOf, EdgeKind, GraphChange, GraphStore, NodeKind};

use super::graph_facts::{
    T1, T2, T3, a_first, a_second, at, e_links_a_in_valid_time, g_links_nowhere, key,
};

pub fn recording_is_bitemporal(store: &dyn GraphStore) {
    let name = store.describe();
    assert_eq!(
        store.edge_count(at(T3)).expect("count"),
        0,
        "{name}: the contract needs an empty graph"
    );
    let first = store.record(&a_first(), T1).expect("record a.md");
    assert_eq!(
        first,
        GraphChange {
            created: 6,
            expired: 0,
            kept: 0
        },
        "{name}"
    );
    let again = store.record(&a_first(), T1 + 5).expect("record a.md again");
    assert_eq!(
        again,
        GraphChange {
            created: 0,
            expired: 0,
            kept: 6
        },
        "{name}: recording twice changes nothing"
    );
    assert_eq!(store.edge_count(at(T1 + 10)).expect("count"), 6);
    assert_eq!(
        store.edge_count(at(T1 - 1)).expect("count"),
        0,
        "nothing known before it was recorded"
    );
    store.record(&g_links_nowhere(), T1).expect("record g.md");
    store
        .record(&e_links_a_in_valid_time(), T1)
        .expect("record e.md");

    let from_a = store
        .edges(&key(NodeKind::Note, "a.md"), at(T1 + 10))
        .expect("edges of a.md");
    assert_eq!(from_a.len(), 6, "{name}: {from_a:?}");
    let link = from_a
        .iter()
        .find(|e| e.to == key(NodeKind::Note, "b.md"))
        .expect("the link to b.md");
    assert_eq!(
        (link.kind.clone(), link.detail.as_str(), link.line),
        (EdgeKind::Link, "#Setup", 1)
    );
    assert_eq!((link.created_ms, link.expired_ms), (T1, None));
    assert_eq!(link.from, key(NodeKind::Note, "a.md"));
    let missing = store
        .edges(&key(NodeKind::Missing, "nowhere"), at(T1 + 10))
        .expect("edges of the missing note");
    let mut stating: Vec<&str> = missing.iter().map(|e| e.from.name.as_str()).collect();
    stating.sort_unstable();
    assert_eq!(
        stating,
        ["a.md", "g.md"],
        "a missing target is one node, linked from both"
    );

    let second = store.record(&a_second(), T2).expect("record a.md revised");
    assert_eq!(
        second,
        GraphChange {
            created: 1,
            expired: 1,
            kept: 5
        },
        "{name}"
    );
    let now = store
        .edges(&key(NodeKind::Note, "a.md"), at(T2 + 1))
        .expect("edges now");
    assert_eq!(now.len(), 6);
    assert!(
        now.iter().all(|e| e.kind != EdgeKind::Embed),
        "the dropped embed no longer holds"
    );
    let kept = now
        .iter()
        .find(|e| e.to == key(NodeKind::Note, "b.md"))
        .expect("the kept link");
    assert_eq!(
        kept.created_ms, T1,
        "an unchanged edge is kept as it was, not re-created"
    );
    let before = AsOf {
        valid_at_ms: T2 + 1,
        known_at_ms: T1 + 10,
    };
    let embed = store
        .edges(&key(NodeKind::Note, "c.md"), before)
        .expect("edges of c.md as known before");
    assert_eq!(
        embed.len(),
        1,
        "{name}: as of before the revision the embed still holds"
    );
    assert_eq!(
        (embed[0].kind.clone(), embed[0].expired_ms),
        (EdgeKind::Embed, Some(T2))
    );
    assert!(
        store
            .edges(&key(NodeKind::Note, "c.md"), at(T2 + 1))
            .expect("edges of c.md")
            .is_empty()
    );
    assert!(
        store
            .edges(&key(NodeKind::Tag, "new"), before)
            .expect("edges")
            .is_empty(),
        "not known yet"
    );
}
