//! Tests: The briefing's day in a zone: UTC, an offset zone, both DST changes, a skipped midnight.

use chrono::{DateTime, Utc};

use super::*;

fn utc(text: &str) -> i64 {
    DateTime::parse_from_rfc3339(text)
        .map(|instant| instant.with_timezone(&Utc).timestamp_millis())
        .unwrap()
}

#[test]
fn a_utc_day_is_24_hours_from_midnight() {
    let day = BriefingDay::parse(" 2026-12-02 ", chrono_tz::UTC).unwrap();
    assert_eq!(day.since_ms, utc("2026-12-02T00:00:00Z"));
    assert_eq!(day.until_ms, utc("2026-12-03T00:00:00Z"));
    assert_eq!(day.text(), "2026-12-02");
    assert!(day.contains(utc("2026-12-02T23:59:59Z")));
    assert!(!day.contains(utc("2026-12-03T00:00:00Z")));
}

#[test]
fn a_zones_day_starts_at_its_local_midnight() {
    let day = BriefingDay::parse("2026-12-02", chrono_tz::Europe::Berlin).unwrap();
    assert_eq!(day.since_ms, utc("2026-12-01T23:00:00Z"));
    assert_eq!(day.until_ms, utc("2026-12-02T23:00:00Z"));
}

#[test]
fn spring_forward_makes_a_23_hour_day_and_fall_back_a_25_hour_one() {
    let spring = BriefingDay::parse("2026-03-29", chrono_tz::Europe::London).unwrap();
    assert_eq!(spring.since_ms, utc("2026-03-29T00:00:00Z"));
    assert_eq!(spring.until_ms - spring.since_ms, 23 * 3_600_000);
    let autumn = BriefingDay::parse("2026-10-25", chrono_tz::Europe::London).unwrap();
    assert_eq!(autumn.since_ms, utc("2026-10-24T23:00:00Z"));
    assert_eq!(autumn.until_ms - autumn.since_ms, 25 * 3_600_000);
}

#[test]
fn a_skipped_midnight_starts_the_day_at_the_first_local_time_after_it() {
    // Santiago springs forward at 24:00: 2026-09-06 has no 00:00, its day starts at 01:00
    // local (-03), which is 04:00 UTC.
    let day = BriefingDay::parse("2026-09-06", chrono_tz::America::Santiago).unwrap();
    assert_eq!(day.since_ms, utc("2026-09-06T04:00:00Z"));
}

#[test]
fn anything_but_a_day_is_refused_in_words() {
    let problem = BriefingDay::parse("yesterday", chrono_tz::UTC).unwrap_err();
    assert_eq!(
        problem,
        "the briefing needs a day like 2026-12-02, not \"yesterday\""
    );
    assert!(BriefingDay::parse("2026-02-30", chrono_tz::UTC).is_err());
}
