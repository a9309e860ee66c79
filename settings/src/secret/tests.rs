//! Tests of the `secret` module.

use super::Secret;

#[test]
fn formatting_never_shows_the_value() {
    let secret = Secret::new("hunter2");
    assert_eq!(format!("{secret:?} {secret}"), "*** ***");
    assert_eq!(secret.expose(), "hunter2");
}

#[test]
fn matches_only_the_exact_value() {
    let secret = Secret::new("abc123");
    assert!(secret.matches("abc123"));
    assert!(!secret.matches("abc124"));
    assert!(!secret.matches("abc12"));
    assert!(!secret.matches("abc1234"));
    assert!(!secret.matches(""));
    assert!(!Secret::new("").matches(""));
}
