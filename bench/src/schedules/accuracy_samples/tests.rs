//! Unit tests of the slot window and of lateness after a slot.

use std::time::Duration;

use super::*;

#[test]
fn a_slot_window_holds_its_start_but_not_its_end() {
    let window = SlotWindow {
        from_ms: 10_000,
        until_ms: 13_000,
    };
    assert_eq!(window.slots(), 3);
    assert!(window.contains(10_000) && window.contains(12_000));
    assert!(!window.contains(13_000) && !window.contains(9_000));
}

#[test]
fn a_time_before_its_slot_counts_as_no_lateness() {
    assert_eq!(after_slot(1_000, 1_250), Duration::from_millis(250));
    assert_eq!(after_slot(1_000, 990), Duration::ZERO);
}
