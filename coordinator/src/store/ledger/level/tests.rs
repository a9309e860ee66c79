//! `cover` against the quarters it must hold: every quarter once, in order, and no more keys
//! than the greedy split allows.

use super::{Level, cover};

const QUARTER: i64 = 15 * 60 * 1000;
/// 2026-12-01 00:00 UTC.
const DAY_START: i64 = 1_796_083_200_000;

fn quarters_of(ranges: &[(Level, i64, i64)]) -> Vec<i64> {
    let mut quarters = Vec::new();
    for &(level, from, until) in ranges {
        assert_eq!(level.bucket_of(from), from, "{ranges:?}");
        assert_eq!(level.bucket_of(until), until, "{ranges:?}");
        quarters.extend((from..until).step_by(QUARTER as usize));
    }
    quarters
}

#[test]
fn every_quarter_is_covered_once_over_many_ranges() {
    // Every pair of quarter boundaries over three days, starting a little before a UTC day.
    let start = DAY_START - 5 * QUARTER;
    let count = 3 * 96;
    for from in 0..count {
        for until in from..=count {
            let (from_ms, until_ms) = (start + from * QUARTER, start + until * QUARTER);
            let ranges = cover(from_ms, until_ms);
            let expected: Vec<i64> = (from_ms..until_ms).step_by(QUARTER as usize).collect();
            assert_eq!(quarters_of(&ranges), expected, "{from_ms}..{until_ms}");
            let keys: i64 = ranges
                .iter()
                .map(|&(level, from, until)| (until - from) / level.width_ms())
                .sum();
            // At most 3 quarters and 23 hours on each side of the whole days, plus the days.
            let days = (until_ms - from_ms) / Level::Day.width_ms() + 1;
            assert!(keys <= 2 * (3 + 23) + days, "{ranges:?}");
        }
    }
}

#[test]
fn a_year_in_utc_is_one_range_of_day_keys_and_a_day_in_new_york_is_hours() {
    let year = cover(DAY_START, DAY_START + 365 * Level::Day.width_ms());
    assert_eq!(
        year,
        [(
            Level::Day,
            DAY_START,
            DAY_START + 365 * Level::Day.width_ms()
        )]
    );
    // New York's 2026-12-01 is 05:00 UTC to 05:00 UTC the next day.
    let hour = Level::Hour.width_ms();
    let new_york_day = cover(DAY_START + 5 * hour, DAY_START + 29 * hour);
    assert_eq!(
        new_york_day,
        [(Level::Hour, DAY_START + 5 * hour, DAY_START + 29 * hour)]
    );
    // Kolkata's 2026-12-01 is 18:30 UTC the day before to 18:30 UTC: quarters at both ends.
    let (from, until) = (DAY_START - 22 * QUARTER, DAY_START + 74 * QUARTER);
    assert_eq!(
        cover(from, until),
        [
            (Level::Quarter, from, DAY_START - 5 * hour),
            (Level::Hour, DAY_START - 5 * hour, DAY_START + 18 * hour),
            (Level::Quarter, DAY_START + 18 * hour, until),
        ]
    );
}

#[test]
fn negative_instants_round_down() {
    assert_eq!(Level::Hour.bucket_of(-1), -Level::Hour.width_ms());
    assert_eq!(
        cover(-QUARTER, QUARTER),
        [(Level::Quarter, -QUARTER, QUARTER)]
    );
}
