//! Tests: The summary's chat.

use super::*;

#[test]
fn the_summary_is_asked_from_the_facts_alone() {
    let messages = summary_messages("2026-12-02", "## Facts\n\n- total: 3\n");
    assert_eq!(messages[0].role, "system");
    assert!(messages[0].content.contains("do not invent numbers"));
    assert_eq!(
        messages[1].content,
        "Facts of 2026-12-02:\n\n## Facts\n\n- total: 3\n"
    );
}
