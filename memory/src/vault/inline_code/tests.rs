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

#[test]
fn a_long_line_of_unmatched_backticks_is_read_in_linear_time() {
    // Runs of every length once: none has a partner, which a naive scan pays for quadratically.
    let line: String = (1..2000)
        .map(|length| format!("{} x ", "`".repeat(length)))
        .collect();
    let started = std::time::Instant::now();
    assert_eq!(without_inline_code(&line), line);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn spans_close_at_the_next_run_of_the_same_length() {
    assert_eq!(
        without_inline_code("a ``b ` c`` d `e` f"),
        "a           d     f"
    );
}
