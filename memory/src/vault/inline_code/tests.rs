//! Inline code spans: single and double backticks, unmatched backticks, multibyte text.

use super::without_inline_code;

#[test]
fn inline_code_is_blanked_with_offsets_kept() {
    let line = "see `[[Hidden]]` and ``a ` b`` then [[Shown]] é";
    let masked = without_inline_code(line);
    assert_eq!(masked.len(), line.len());
    assert!(!masked.contains("Hidden"));
    assert!(!masked.contains("a ` b"));
    assert!(masked.ends_with("then [[Shown]] é"));
    // An unmatched backtick is literal text.
    assert_eq!(without_inline_code("a `b"), "a `b");
}
