//! Tests: The briefing note's text, and its create-only write.

use super::*;

#[test]
fn the_note_has_its_frontmatter_then_the_summary_then_the_facts() {
    let body = note_body("2026-12-02", " A calm day. \n", "## Facts\n\n- total: 3\n");
    let text = note_text("2026-12-02", "qwen2.5:14b", "run-\"1\"", &body);
    assert_eq!(
        text,
        "---\ntype: briefing\nday: 2026-12-02\nmodel: \"qwen2.5:14b\"\nrun: \"run-\\\"1\\\"\"\n---\n\
         # Briefing 2026-12-02\n\nA calm day.\n\n## Facts\n\n- total: 3\n"
    );
}

#[test]
fn a_days_note_is_written_once() {
    let vault = tempfile::tempdir().unwrap();
    let first = write_note(vault.path(), "2026-12-02", "first").unwrap();
    assert_eq!(
        first,
        Written::Created("Runner/briefings/2026-12-02.md".into())
    );
    let second = write_note(vault.path(), "2026-12-02", "second").unwrap();
    assert_eq!(
        second,
        Written::AlreadyThere("Runner/briefings/2026-12-02.md".into())
    );
    let kept = std::fs::read_to_string(vault.path().join("Runner/briefings/2026-12-02.md"));
    assert_eq!(kept.unwrap(), "first");
}
