//! An edge's signature (what "unchanged" means across revisions) and the properties it is
//! written with.

use super::*;

fn link(line: u32) -> EdgeDraft {
    EdgeDraft {
        kind: EdgeKind::Property("related".to_owned()),
        to: NodeKey {
            kind: NodeKind::Note,
            name: "b.md".to_owned(),
        },
        detail: "#Setup".to_owned(),
        line,
        valid_from_ms: Some(5),
        valid_to_ms: None,
        extraction: None,
    }
}

#[test]
fn the_signature_ignores_the_line_but_not_detail_target_kind_or_valid_time() {
    assert_eq!(signature(&link(1)), signature(&link(9)));
    let mut other = link(1);
    other.detail = "#Other".to_owned();
    assert_ne!(signature(&link(1)), signature(&other));
    let mut other = link(1);
    other.valid_to_ms = Some(10);
    assert_ne!(signature(&link(1)), signature(&other));
    let mut other = link(1);
    other.to.kind = NodeKind::Missing;
    assert_ne!(signature(&link(1)), signature(&other));
    let mut other = link(1);
    other.kind = EdgeKind::Property("up".to_owned());
    assert_ne!(signature(&link(1)), signature(&other));
}

#[test]
fn properties_carry_both_ends_the_kind_key_and_times() {
    let properties = edge_properties("a.md", &link(3), 1_000);
    let text = |key: &str| match properties.get(key) {
        Some(ValueSend::String(value)) => value.clone(),
        other => panic!("{key}: {other:?}"),
    };
    assert_eq!(
        [
            text("from_name"),
            text("to_kind"),
            text("to_name"),
            text("kind"),
            text("key")
        ],
        ["a.md", "Note", "b.md", "property", "related"]
    );
    assert!(matches!(
        properties.get("created"),
        Some(ValueSend::Integer(1_000))
    ));
    assert!(matches!(
        properties.get("valid_from"),
        Some(ValueSend::Integer(5))
    ));
    assert!(matches!(properties.get("valid_to"), Some(ValueSend::Null)));
    assert!(
        !properties.contains_key("expired"),
        "a new edge has not expired"
    );
}

#[test]
fn labels_round_trip() {
    for kind in [
        NodeKind::Note,
        NodeKind::Missing,
        NodeKind::Tag,
        NodeKind::Folder,
        NodeKind::Date,
        NodeKind::Value,
    ] {
        assert_eq!(kind_of_label(label(kind)), Some(kind));
    }
}
