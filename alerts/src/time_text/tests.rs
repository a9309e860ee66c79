//! Tests of the `time_text` module.

use super::*;

#[test]
fn timestamps_are_rfc3339_in_utc() {
    assert_eq!(format_rfc3339(0), "1970-01-01T00:00:00.000Z");
    assert_eq!(format_rfc3339(951_782_400_123), "2000-02-29T00:00:00.123Z");
    assert_eq!(
        format_rfc3339(1_795_687_200_000),
        "2026-11-26T10:00:00.000Z"
    );
}

#[test]
fn spans_read_at_a_glance() {
    assert_eq!(format_span(41_900), "41 s");
    assert_eq!(format_span(125_000), "2 m 05 s");
    assert_eq!(format_span(11_220_000), "3 h 07 m");
    assert_eq!(format_span(187_200_000), "2 d 04 h");
    assert_eq!(format_span(-5), "0 s");
}

#[test]
fn bytes_use_binary_units() {
    assert_eq!(format_bytes(512), "512 B");
    assert_eq!(format_bytes(3_435_973_837), "3.2 GiB");
}

#[tokio::test(start_paused = true)]
async fn the_clock_follows_tokio_time() {
    let clock = Clock::start();
    let before = clock.now_ms();
    tokio::time::sleep(Duration::from_secs(90)).await;
    assert_eq!(clock.now_ms() - before, 90_000);
    assert_eq!(clock.until(before + 100_000), Duration::from_secs(10));
    assert_eq!(clock.until(before), Duration::ZERO);
}
