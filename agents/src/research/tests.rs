//! Tests: Telling passages apart.

use super::*;

#[test]
fn a_passage_is_its_note_and_lines() {
    let hit = |note: &str, start| MemoryHit {
        note: note.into(),
        line_start: start,
        line_end: start + 4,
        ..MemoryHit::default()
    };
    assert!(same_passage(&hit("a.md", 1), &hit("a.md", 1)));
    assert!(!same_passage(&hit("a.md", 1), &hit("a.md", 6)));
    assert!(!same_passage(&hit("a.md", 1), &hit("b.md", 1)));
}
