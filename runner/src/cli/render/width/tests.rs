//! Tests of the `width` module.

use super::*;

#[test]
fn columns_wins_then_a_terminal_is_80_and_a_pipe_is_unlimited() {
    assert_eq!(width_from(false, Some("100"), false), Some(100));
    assert_eq!(width_from(false, Some("60"), true), Some(60));
    assert_eq!(width_from(false, None, true), Some(80));
    assert_eq!(width_from(false, None, false), None);
    assert_eq!(width_from(false, Some("junk"), false), None);
    assert_eq!(width_from(false, Some("0"), true), Some(80));
}

#[test]
fn wide_is_never_cut() {
    assert_eq!(width_from(true, Some("80"), true), None);
    assert_eq!(width_from(true, None, true), None);
}
