//! Unit tests of the clocks and the timestamp format.

use std::time::Duration;

use super::{Clock, ManualClock, SystemClock, format_clock_time, format_rfc3339, now_ms};

#[test]
fn now_is_after_2025() {
    assert!(now_ms() > 1_735_689_600_000);
    assert!(SystemClock.now_ms() > 1_735_689_600_000);
}

#[test]
fn formats_known_instants() {
    assert_eq!(format_rfc3339(0), "1970-01-01T00:00:00Z");
    assert_eq!(format_rfc3339(1_795_651_200_000), "2026-11-26T00:00:00Z");
    assert_eq!(
        format_rfc3339(951_782_400_000 + 3_723_000),
        "2000-02-29T01:02:03Z"
    );
}

#[test]
fn a_manual_clock_moves_both_readings_together_and_only_when_told() {
    let clock = ManualClock::starting_at(1_000);
    let shared = clock.clone();
    let (wall, monotonic) = (clock.now_ms(), clock.now());
    assert_eq!((clock.now_ms(), clock.now()), (wall, monotonic));
    shared.advance(Duration::from_millis(1_500));
    assert_eq!(clock.now_ms(), 2_500);
    assert_eq!(clock.now() - monotonic, Duration::from_millis(1_500));
}

#[test]
fn a_clock_time_is_hours_minutes_seconds_in_utc() {
    assert_eq!(
        format_clock_time(951_782_400_000 + 3_723_000),
        "01:02:03 UTC"
    );
}
