//! The nesting bound: ordinary frontmatter passes, deep indentation or brackets do not.

use super::{MAX_FLOW_DEPTH, MAX_INDENT, too_deep};

#[test]
fn ordinary_frontmatter_is_not_too_deep() {
    let yaml = "title: x\ntags: [a, b]\naliases:\n  - A\nnested:\n  sub:\n    - [[Link]]\n";
    assert_eq!(too_deep(yaml), None);
    assert_eq!(
        too_deep(&format!(
            "a: {}x{}",
            "[".repeat(MAX_FLOW_DEPTH),
            "]".repeat(MAX_FLOW_DEPTH)
        )),
        None
    );
    assert_eq!(
        too_deep(&format!("a:\n{}b: c", " ".repeat(MAX_INDENT))),
        None
    );
}

#[test]
fn deep_indentation_sequences_or_brackets_are_too_deep_at_their_line() {
    assert_eq!(
        too_deep(&format!("a:\n{}b: c", " ".repeat(MAX_INDENT + 1))),
        Some(2)
    );
    assert_eq!(
        too_deep(&format!("a: 1\nb:\n{}x", "- ".repeat(MAX_INDENT))),
        Some(3)
    );
    let brackets = format!("a: 1\nb: {}", "[".repeat(MAX_FLOW_DEPTH + 1));
    assert_eq!(too_deep(&brackets), Some(2));
    // Brackets spread over lines still count.
    let spread = "[\n".repeat(MAX_FLOW_DEPTH + 1);
    assert_eq!(too_deep(&spread), Some(MAX_FLOW_DEPTH + 1));
}
