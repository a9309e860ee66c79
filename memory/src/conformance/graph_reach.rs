//! The graph contract's walking half: `reach` over links, embeds and note-valued properties,
//! both ways with the words of each step, nearest first then by path, seeds left out, never
//! through a missing note, tags or dates, and only over edges that hold at the given time.

use crate::graph::{AsOf, GraphStore, Reached};

use super::graph_facts::{T1, T2, at};

fn reached(note: &str, path: &[&str], via: &[&str]) -> Reached {
    Reached {
        note: note.to_owned(),
        distance: u32::try_from(via.len()).expect("a short path"),
        path: path.iter().map(|step| (*step).to_owned()).collect(),
        via: via.iter().map(|step| (*step).to_owned()).collect(),
    }
}

fn seeds(notes: &[&str]) -> Vec<String> {
    notes.iter().map(|note| (*note).to_owned()).collect()
}

/// Runs after `recording_is_bitemporal`: `a.md` in its second revision (embed of `c.md`
/// expired at T2), `g.md` linking the missing note, `e.md` linking `a.md` in valid time 100..200.
pub fn reach_walks_note_edges_both_ways(store: &dyn GraphStore) {
    let name = store.describe();
    let now = at(T2 + 1);
    let walk = |from: &[&str], hops, as_of, limit| {
        store
            .reach(&seeds(from), hops, as_of, limit)
            .expect("reach")
    };
    assert_eq!(
        walk(&["b.md"], 1, now, 10),
        [reached("a.md", &["b.md", "a.md"], &["backlink"])],
        "{name}: one hop against a link"
    );
    assert_eq!(
        walk(&["b.md"], 2, now, 10),
        [
            reached("a.md", &["b.md", "a.md"], &["backlink"]),
            reached(
                "d.md",
                &["b.md", "a.md", "d.md"],
                &["backlink", "property:related"]
            ),
        ],
        "{name}: two hops; not through the missing note, tags, dates or the expired embed"
    );
    let before = AsOf {
        valid_at_ms: T2 + 1,
        known_at_ms: T1 + 10,
    };
    assert_eq!(
        walk(&["b.md"], 2, before, 10),
        [
            reached("a.md", &["b.md", "a.md"], &["backlink"]),
            reached("c.md", &["b.md", "a.md", "c.md"], &["backlink", "embed"]),
            reached(
                "d.md",
                &["b.md", "a.md", "d.md"],
                &["backlink", "property:related"]
            ),
        ],
        "{name}: as known before the revision the embed still holds"
    );
    assert_eq!(
        walk(&["c.md"], 1, before, 10),
        [reached("a.md", &["c.md", "a.md"], &["embedded by"])]
    );
    assert!(
        walk(&["c.md"], 1, now, 10).is_empty(),
        "{name}: the expired embed is not walked now"
    );
    assert_eq!(
        walk(&["d.md"], 1, now, 10),
        [reached(
            "a.md",
            &["d.md", "a.md"],
            &["property:related (from)"]
        )]
    );
    assert_eq!(
        walk(&["a.md"], 1, now, 10),
        [
            reached("b.md", &["a.md", "b.md"], &["link"]),
            reached("d.md", &["a.md", "d.md"], &["property:related"]),
        ]
    );
    assert_eq!(
        walk(&["a.md"], 1, now, 1).len(),
        1,
        "{name}: at most `limit`"
    );
    assert_eq!(
        walk(&["a.md", "b.md"], 1, now, 10),
        [reached("d.md", &["a.md", "d.md"], &["property:related"])],
        "{name}: seeds are left out"
    );
    assert!(
        walk(&["a.md"], 0, now, 10).is_empty(),
        "zero hops reach nothing"
    );
    assert!(
        walk(&["g.md"], 3, now, 10).is_empty(),
        "{name}: a missing note is not a bridge"
    );

    let in_valid_time = AsOf {
        valid_at_ms: 150,
        known_at_ms: T2 + 1,
    };
    assert_eq!(
        walk(&["e.md"], 2, in_valid_time, 10),
        [
            reached("a.md", &["e.md", "a.md"], &["link"]),
            reached("b.md", &["e.md", "a.md", "b.md"], &["link", "link"]),
            reached(
                "d.md",
                &["e.md", "a.md", "d.md"],
                &["link", "property:related"]
            ),
        ],
        "{name}: e.md's link holds in valid time 100..200"
    );
    assert!(
        walk(&["e.md"], 2, now, 10).is_empty(),
        "{name}: and not after"
    );
}
