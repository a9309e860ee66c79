//! Slots of 5- and 6-field crons in a zone, Europe/London's DST days included.

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Europe::London;

use super::*;

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn london_day(year: i32, month: u32, day: u32) -> (DateTime<Utc>, DateTime<Utc>) {
    let start = London.with_ymd_and_hms(year, month, day, 0, 0, 0).unwrap();
    let end = London
        .with_ymd_and_hms(year, month, day, 23, 59, 59)
        .unwrap();
    (start.with_timezone(&Utc), end.with_timezone(&Utc))
}

#[test]
fn five_fields_read_in_the_zone_give_utc_slots() {
    let cron = CronSpec::parse("0 7 * * *", "Europe/London").unwrap();
    // 07:00 in London in winter is 07:00 UTC; in summer 06:00 UTC.
    assert_eq!(
        cron.next_after(utc("2026-12-02T08:00:00Z")),
        Some(utc("2026-12-03T07:00:00Z"))
    );
    assert_eq!(
        cron.next_after(utc("2026-07-01T00:00:00Z")),
        Some(utc("2026-07-01T06:00:00Z"))
    );
}

#[test]
fn six_fields_put_seconds_first() {
    let cron = CronSpec::parse("*/5 * * * * *", "UTC").unwrap();
    let after = utc("2026-12-02T10:00:02Z");
    assert_eq!(cron.next_after(after), Some(utc("2026-12-02T10:00:05Z")));
    let (slots, total) = cron.slots_between(after, utc("2026-12-02T10:01:00Z"), 100);
    assert_eq!(total, 12);
    assert_eq!(slots.first(), Some(&utc("2026-12-02T10:00:05Z")));
    assert_eq!(slots.last(), Some(&utc("2026-12-02T10:01:00Z")));
}

#[test]
fn half_past_one_runs_once_on_both_london_dst_days() {
    let cron = CronSpec::parse("30 1 * * *", "Europe/London").unwrap();
    // 2026-03-29: 01:00 GMT jumps to 02:00 BST, so 01:30 does not exist: run once just after.
    let (start, end) = london_day(2026, 3, 29);
    let (slots, total) = cron.slots_between(start, end, 10);
    assert_eq!(total, 1, "{slots:?}");
    assert_eq!(
        slots[0],
        utc("2026-03-29T01:00:00Z"),
        "02:00 BST, the first minute after the gap"
    );
    // 2026-10-25: 02:00 BST falls back to 01:00 GMT, so 01:30 happens twice: run at the first.
    let (start, end) = london_day(2026, 10, 25);
    let (slots, total) = cron.slots_between(start, end, 10);
    assert_eq!(total, 1, "{slots:?}");
    assert_eq!(slots[0], utc("2026-10-25T00:30:00Z"), "01:30 BST");
}

#[test]
fn an_interval_cron_follows_the_clock_across_the_gap() {
    let cron = CronSpec::parse("*/30 * * * *", "Europe/London").unwrap();
    let (start, end) = london_day(2026, 3, 29);
    let (_, total) = cron.slots_between(start - chrono::TimeDelta::seconds(1), end, 100);
    // A 23-hour day of half hours.
    assert_eq!(total, 46);
}

#[test]
fn a_long_downtime_counts_up_to_the_cap_and_keeps_the_newest_slot() {
    let cron = CronSpec::parse("* * * * * *", "UTC").unwrap();
    let after = utc("2026-01-01T00:00:00Z");
    let until = after + chrono::TimeDelta::days(3);
    let (slots, total) = cron.slots_between(after, until, 5);
    assert_eq!(total, MAX_COUNTED);
    assert_eq!(slots.last(), Some(&until));
}

#[test]
fn bad_patterns_and_zones_say_what_is_wrong() {
    let fields = CronSpec::parse("0 7 * *", "UTC").unwrap_err();
    assert!(fields.contains("has 4 fields"), "{fields}");
    let invalid = CronSpec::parse("61 7 * * *", "UTC").unwrap_err();
    assert!(invalid.contains("is not valid"), "{invalid}");
    let zone = CronSpec::parse("0 7 * * *", "Europe/Londn").unwrap_err();
    assert!(zone.contains("not an IANA time zone"), "{zone}");
    let never = CronSpec::parse("0 0 30 2 *", "UTC").unwrap_err();
    assert!(never.contains("never fires"), "{never}");
}

#[test]
fn macros_and_words_are_read() {
    let daily = CronSpec::parse("@daily", "UTC").unwrap();
    assert_eq!(
        daily.next_after(utc("2026-12-02T08:00:00Z")),
        Some(utc("2026-12-03T00:00:00Z"))
    );
    assert!(!daily.describe().is_empty());
    assert_eq!(daily.zone(), chrono_tz::Tz::UTC);
}
