//! Tests of the `schedule_time` module.

use super::*;

/// 2026-12-04 07:00 UTC, a Friday (GMT in London, 08:00 in Paris).
const DEC_4_0700_UTC: i64 = 1_796_367_600_000;
/// 2026-07-04 06:00 UTC (British Summer Time: 07:00 in London).
const JUL_4_0600_UTC: i64 = 1_783_144_800_000;

#[test]
fn times_are_read_in_the_schedules_zone() {
    assert_eq!(
        zoned_time(DEC_4_0700_UTC, "Europe/London"),
        "Fri 4 Dec 2026 07:00 GMT"
    );
    assert_eq!(
        zoned_time(JUL_4_0600_UTC, "Europe/London"),
        "Sat 4 Jul 2026 07:00 BST"
    );
    assert_eq!(
        zoned_time(DEC_4_0700_UTC, "UTC"),
        "Fri 4 Dec 2026 07:00 UTC"
    );
    assert_eq!(
        zoned_time(DEC_4_0700_UTC, ""),
        "Fri 4 Dec 2026 07:00 UTC",
        "an empty zone is the config's default, UTC"
    );
}

#[test]
fn an_unknown_zone_is_shown_in_utc_and_named() {
    let text = zoned_time(DEC_4_0700_UTC, "Mars/Olympus");
    assert_eq!(
        text,
        "Fri 4 Dec 2026 07:00 UTC (unknown zone \"Mars/Olympus\")"
    );
}

#[test]
fn future_moments_read_as_in_and_past_ones_as_ago() {
    let now = DEC_4_0700_UTC;
    assert_eq!(relative(now, now), "now");
    assert_eq!(relative(now + 40_000, now), "in 40 s");
    assert_eq!(relative(now + 25 * 60_000, now), "in 25 min");
    assert_eq!(relative(now + 3 * 3_600_000 + 5_000, now), "in 3 h");
    assert_eq!(relative(now + 3 * 86_400_000, now), "in 3 days");
    assert_eq!(relative(now - 5 * 60_000, now), "5 min ago");
}
