//! Tests of the `answer_memory` module.

use proto::v1::MemoryHit;

use super::*;

#[test]
fn a_citation_keeps_where_the_passage_is() {
    let hit = MemoryHit {
        note: "Projects/AI governance.md".into(),
        headings: vec!["Risk".into()],
        line_start: 12,
        line_end: 18,
        text: "not kept: the answer cites, the note holds the text".into(),
        ..Default::default()
    };
    assert_eq!(
        Citation::from(&hit),
        Citation {
            note: "Projects/AI governance.md".into(),
            headings: vec!["Risk".into()],
            line_start: 12,
            line_end: 18,
        }
    );
}

#[test]
fn only_a_turn_without_the_switch_has_nothing_to_show() {
    assert!(AnswerMemory::default().is_empty());
    let unavailable = AnswerMemory::unavailable("memory is not configured");
    assert!(!unavailable.is_empty());
    assert_eq!(unavailable.warnings, vec!["memory is not configured"]);
}
