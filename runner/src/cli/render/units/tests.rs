//! Tests of the `units` module.

use super::*;

#[test]
fn durations_pick_a_readable_unit() {
    assert_eq!(format_millis(0), "0 ms");
    assert_eq!(format_millis(85), "85 ms");
    assert_eq!(format_millis(1_234), "1.23 s");
    assert_eq!(format_millis(125_000), "2m 05s");
    assert_eq!(format_millis(3_720_000), "1h 02m");
    assert_eq!(format_nanos(500), "<1 ms");
    assert_eq!(format_nanos(0), "0 ms");
    assert_eq!(format_nanos(85_000_000), "85 ms");
}

#[test]
fn ages_are_coarse_and_never_negative() {
    let now = 1_000_000_000;
    assert_eq!(format_age(now, now - 4_000), "4s");
    assert_eq!(format_age(now, now - 180_000), "3m");
    assert_eq!(format_age(now, now - 7_200_000), "2h");
    assert_eq!(format_age(now, now - 5 * 86_400_000), "5d");
    assert_eq!(format_age(now, now + 5_000), "0s");
    assert_eq!(format_age(now, 0), "never");
}

#[test]
fn sizes_use_binary_units() {
    assert_eq!(format_bytes(0), "0 B");
    assert_eq!(format_bytes(512 * 1024 * 1024), "512 MiB");
    assert_eq!(format_bytes(7_516_192_768), "7.0 GiB");
    assert_eq!(format_bytes(33_285_996_544), "31 GiB");
}

#[test]
fn timestamps_are_utc_calendar_dates() {
    assert_eq!(format_timestamp(0), "-");
    assert_eq!(format_timestamp(1), "1970-01-01 00:00:00 UTC");
    // 2024-02-29 12:34:56 UTC: a leap day.
    assert_eq!(
        format_timestamp(1_709_210_096_000),
        "2024-02-29 12:34:56 UTC"
    );
    assert_eq!(
        format_timestamp(1_795_608_000_000),
        "2026-11-25 12:00:00 UTC"
    );
}
