//! Tests of the `conversation_id` module.

use super::*;

#[test]
fn ids_are_unique_sortable_and_recognised() {
    let first = new_conversation_id(1_700_000_000_000);
    let second = new_conversation_id(1_700_000_000_000);
    let later = new_conversation_id(1_700_000_000_001);
    assert_ne!(first, second);
    assert!(first[..12] < later[..12]);
    assert!(is_conversation_id(&first), "{first}");
    assert!(!is_conversation_id("c/../../etc/passwd00"));
    assert!(!is_conversation_id("short"));
}
