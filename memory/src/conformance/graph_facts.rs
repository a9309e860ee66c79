//! The notes the graph contract records: `a.md` links, embeds, tags, relates and dates; `g.md`
//! links the same missing note; `e.md` links `a.md` only in valid time [100, 200); `f.md`
//! states one model-extracted fact. Times are small round numbers so failures read easily.

use crate::graph::{AsOf, EdgeDraft, EdgeKind, Extraction, NodeKey, NodeKind, NoteFacts};

pub const T1: i64 = 1_000;
pub const T2: i64 = 2_000;
pub const T3: i64 = 3_000;

/// Valid and known at `at_ms`.
pub fn at(at_ms: i64) -> AsOf {
    AsOf::now(at_ms)
}

pub fn key(kind: NodeKind, name: &str) -> NodeKey {
    NodeKey {
        kind,
        name: name.to_owned(),
    }
}

pub fn draft(kind: EdgeKind, to: NodeKey, line: u32) -> EdgeDraft {
    EdgeDraft {
        kind,
        to,
        detail: String::new(),
        line,
        valid_from_ms: None,
        valid_to_ms: None,
        extraction: None,
    }
}

pub fn facts(note: &str, edges: Vec<EdgeDraft>) -> NoteFacts {
    NoteFacts {
        note: note.to_owned(),
        title: note.trim_end_matches(".md").to_owned(),
        edges,
    }
}

/// `a.md`, first revision: six edges.
pub fn a_first() -> NoteFacts {
    let mut link_b = draft(EdgeKind::Link, key(NodeKind::Note, "b.md"), 1);
    link_b.detail = "#Setup".to_owned();
    facts(
        "a.md",
        vec![
            link_b,
            draft(EdgeKind::Embed, key(NodeKind::Note, "c.md"), 2),
            draft(EdgeKind::Tag, key(NodeKind::Tag, "gpu"), 3),
            draft(
                EdgeKind::Property("related".to_owned()),
                key(NodeKind::Note, "d.md"),
                4,
            ),
            draft(EdgeKind::Link, key(NodeKind::Missing, "nowhere"), 5),
            draft(EdgeKind::OnDate, key(NodeKind::Date, "2026-01-02"), 0),
        ],
    )
}

/// `a.md`, second revision: the embed gone, the link to `b.md` moved to line 7, a new tag.
pub fn a_second() -> NoteFacts {
    let mut revised = a_first();
    revised.edges.retain(|edge| edge.kind != EdgeKind::Embed);
    revised.edges[0].line = 7;
    revised
        .edges
        .push(draft(EdgeKind::Tag, key(NodeKind::Tag, "new"), 8));
    revised
}

pub fn g_links_nowhere() -> NoteFacts {
    facts(
        "g.md",
        vec![draft(EdgeKind::Link, key(NodeKind::Missing, "nowhere"), 1)],
    )
}

/// `e.md` links `a.md`, valid from 100 to 200 only.
pub fn e_links_a_in_valid_time() -> NoteFacts {
    let mut link = draft(EdgeKind::Link, key(NodeKind::Note, "a.md"), 1);
    link.valid_from_ms = Some(100);
    link.valid_to_ms = Some(200);
    facts("e.md", vec![link])
}

pub fn f_states_a_fact() -> NoteFacts {
    let mut fact = draft(
        EdgeKind::Fact("runs_on".to_owned()),
        key(NodeKind::Value, "gpu=4090"),
        3,
    );
    fact.extraction = Some(Extraction {
        model: "qwen2.5:14b".to_owned(),
        confidence: 0.75,
        line_start: 3,
        line_end: 4,
    });
    facts("f.md", vec![fact])
}
