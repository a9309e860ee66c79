//! Tests: Clipping on char boundaries and the 16 KiB step output limit.

use super::*;

#[test]
fn short_text_is_kept_whole() {
    assert_eq!(clip("héron", 64), "héron");
    assert_eq!(step_output("answer"), "answer");
}

#[test]
fn a_cut_never_splits_a_character() {
    // "é" is two bytes: a cut after the first would split it.
    assert_eq!(clip("aé", 2), "a");
    assert_eq!(clip("aé", 3), "aé");
    assert_eq!(clip("🦆🦆", 5), "🦆");
}

#[test]
fn step_output_is_at_most_16_kib_on_a_char_boundary() {
    let text = "é".repeat(STEP_OUTPUT_LIMIT);
    let clipped = step_output(&text);
    assert_eq!(clipped.len(), STEP_OUTPUT_LIMIT);
    let odd = format!("a{text}");
    let clipped = step_output(&odd);
    assert_eq!(clipped.len(), STEP_OUTPUT_LIMIT - 1);
    assert!(odd.starts_with(&clipped));
}
