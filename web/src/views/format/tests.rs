//! Tests of the `format` module.

use super::*;

#[test]
fn sizes_durations_and_ages_read_naturally() {
    assert_eq!(
        bytes(17 * 1024 * 1024 * 1024 + 200 * 1024 * 1024),
        "17.2 GiB"
    );
    assert_eq!(bytes(300 * 1024 * 1024), "300 MiB");
    assert_eq!(bytes(252 * 1024 * 1024 * 1024 + 1), "252 GiB");
    assert_eq!(millis(85), "85 ms");
    assert_eq!(millis(1234), "1.23 s");
    assert_eq!(millis(125_000), "2 min 5 s");
    assert_eq!(ago(1_000, 1_500), "just now");
    assert_eq!(ago(0, 41_000), "41 s ago");
    assert_eq!(ago(0, 300_000), "5 min ago");
    assert_eq!(ago(0, 3 * 86_400_000), "3 days ago");
    assert_eq!(time_of_day(86_400_000 + 36_041_000), "10:00:41 UTC");
    assert_eq!(rate(42.04), "42.0 tokens/s");
}
