//! Tests of the `limits` module.

use super::*;

#[test]
fn short_text_is_kept_and_long_text_is_cut_to_the_limit() {
    assert_eq!(truncate("davas", 256), "davas");
    let long = "x".repeat(300);
    let cut = truncate(&long, TITLE_MAX);
    assert_eq!(char_count(&cut), TITLE_MAX);
    assert!(cut.ends_with('…'));
    assert_eq!(truncate("abc", 0), "");
}

#[test]
fn characters_are_counted_not_bytes() {
    let text = "é".repeat(10);
    assert_eq!(truncate(&text, 10), text);
    assert_eq!(char_count(&truncate(&text, 5)), 5);
}

#[test]
fn empty_values_become_a_dash() {
    assert_eq!(non_empty(""), "-");
    assert_eq!(non_empty("  "), "-");
    assert_eq!(non_empty("x"), "x");
}
