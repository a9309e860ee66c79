//! Tests of the `note_view` module: a note's links keep their words, and what the proto
//! leaves at zero is left out rather than shown as 0.

use proto::v1::{MemoryNote, NoteLink, NoteProperty, RelatedNote, RelatedNotesResponse};
use serde_json::json;

use super::*;

#[test]
fn a_note_keeps_its_properties_and_links_both_ways() {
    let note = MemoryNote {
        path: "Projects/AI governance.md".into(),
        title: "AI governance".into(),
        content: "# AI governance\n[[Risk]]".into(),
        tags: vec!["governance".into()],
        properties: vec![NoteProperty {
            key: "status".into(),
            values: vec!["draft".into()],
        }],
        links: vec![NoteLink {
            note: "Risk.md".into(),
            kind: "link".into(),
            detail: "#Tiers".into(),
            exists: true,
            line: 2,
        }],
        backlinks: vec![NoteLink {
            note: "Index.md".into(),
            kind: "embed".into(),
            ..Default::default()
        }],
        modified_ms: 0,
        content_hash: "abc".into(),
    };
    let view = serde_json::to_value(MemoryNoteView::from(&note)).unwrap();
    assert_eq!(
        view["properties"],
        json!([{"key": "status", "values": ["draft"]}])
    );
    assert_eq!(
        view["links"],
        json!([{"note": "Risk.md", "kind": "link", "detail": "#Tiers", "exists": true, "line": 2}])
    );
    assert_eq!(
        view["backlinks"],
        json!([{"note": "Index.md", "kind": "embed", "exists": false}])
    );
    assert!(view.get("modified_ms").is_none(), "{view}");
}

#[test]
fn related_notes_keep_their_path_and_the_edges_between() {
    let response = RelatedNotesResponse {
        notes: vec![RelatedNote {
            note: "C.md".into(),
            title: "C".into(),
            distance: 2,
            path: vec!["A.md".into(), "B.md".into(), "C.md".into()],
            via: vec!["link".into(), "tag:governance".into()],
        }],
    };
    let view = serde_json::to_value(RelatedNotesView::from(&response)).unwrap();
    assert_eq!(
        view,
        json!({"notes": [{
            "note": "C.md", "title": "C", "distance": 2,
            "path": ["A.md", "B.md", "C.md"], "via": ["link", "tag:governance"],
        }]})
    );
}
