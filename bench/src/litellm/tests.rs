//! Tests of the `litellm` module.

use super::*;

#[test]
fn the_tail_of_a_log_is_its_last_forty_lines() {
    let log: String = (1..=50).map(|line| format!("{line}\n")).collect();
    let tail = log_tail(&log);
    assert!(tail.starts_with("11\n") && tail.ends_with("50"), "{tail}");
    assert_eq!(log_tail("one"), "one");
}
