//! What becomes of passed slots: on time, caught up once, missed past the deadline or with catch_up none.

use std::time::Duration;

use chrono::{DateTime, Utc};

use super::*;

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn every_five_seconds() -> CronSpec {
    CronSpec::parse("*/5 * * * * *", "UTC").unwrap()
}

fn lateness(catch_up: CatchUp, deadline_secs: u64, started_at: &str) -> Lateness {
    Lateness {
        catch_up,
        starting_deadline: Duration::from_secs(deadline_secs),
        started_at: utc(started_at),
    }
}

#[test]
fn nothing_passed_is_nothing_to_do() {
    let cron = every_five_seconds();
    let passed = passed_slots(
        &cron,
        utc("2026-12-02T10:00:00Z"),
        utc("2026-12-02T10:00:04Z"),
        lateness(CatchUp::Once, 60, "2026-12-02T09:00:00Z"),
    );
    assert_eq!(passed, None);
}

#[test]
fn a_slot_passed_while_running_fires_on_time() {
    let cron = every_five_seconds();
    let passed = passed_slots(
        &cron,
        utc("2026-12-02T10:00:00Z"),
        utc("2026-12-02T10:00:05.010Z"),
        lateness(CatchUp::None, 60, "2026-12-02T09:00:00Z"),
    )
    .unwrap();
    assert_eq!(passed.fire, Some(utc("2026-12-02T10:00:05Z")));
    assert!(passed.missed.is_empty());
    assert_eq!(passed.missed_total, 0);
    assert_eq!(passed.cursor, utc("2026-12-02T10:00:05Z"));
}

#[test]
fn after_downtime_catch_up_once_fires_the_newest_and_records_the_rest_missed() {
    let cron = every_five_seconds();
    // Down from 10:00:02 to 10:00:31: slots 05, 10, 15, 20, 25, 30 passed.
    let passed = passed_slots(
        &cron,
        utc("2026-12-02T10:00:00Z"),
        utc("2026-12-02T10:00:31Z"),
        lateness(CatchUp::Once, 60, "2026-12-02T10:00:30.500Z"),
    )
    .unwrap();
    assert_eq!(passed.fire, Some(utc("2026-12-02T10:00:30Z")));
    assert_eq!(passed.missed.len(), 5);
    assert_eq!(passed.missed_total, 5);
    assert_eq!(passed.missed[0], utc("2026-12-02T10:00:05Z"));
}

#[test]
fn after_downtime_catch_up_none_fires_nothing() {
    let cron = every_five_seconds();
    let passed = passed_slots(
        &cron,
        utc("2026-12-02T10:00:00Z"),
        utc("2026-12-02T10:00:31Z"),
        lateness(CatchUp::None, 60, "2026-12-02T10:00:30.500Z"),
    )
    .unwrap();
    assert_eq!(passed.fire, None);
    assert_eq!(passed.missed.len(), 6);
    assert_eq!(passed.missed_total, 6);
    assert_eq!(passed.cursor, utc("2026-12-02T10:00:30Z"));
}

#[test]
fn catch_up_once_beyond_the_starting_deadline_is_missed() {
    let cron = CronSpec::parse("0 7 * * *", "UTC").unwrap();
    let passed = passed_slots(
        &cron,
        utc("2026-12-01T08:00:00Z"),
        utc("2026-12-02T14:00:00Z"),
        lateness(CatchUp::Once, 6 * 3600, "2026-12-02T13:59:00Z"),
    )
    .unwrap();
    assert_eq!(passed.fire, None, "07:00 is 7 h late, the deadline is 6 h");
    assert_eq!(passed.missed, vec![utc("2026-12-02T07:00:00Z")]);
    let passed = passed_slots(
        &cron,
        utc("2026-12-01T08:00:00Z"),
        utc("2026-12-02T12:00:00Z"),
        lateness(CatchUp::Once, 6 * 3600, "2026-12-02T11:59:00Z"),
    )
    .unwrap();
    assert_eq!(passed.fire, Some(utc("2026-12-02T07:00:00Z")));
}

#[test]
fn a_late_wake_beyond_the_deadline_misses_even_while_running() {
    let cron = every_five_seconds();
    let passed = passed_slots(
        &cron,
        utc("2026-12-02T10:00:00Z"),
        utc("2026-12-02T10:00:22Z"),
        lateness(CatchUp::Once, 1, "2026-12-02T09:00:00Z"),
    )
    .unwrap();
    assert_eq!(passed.fire, None);
    assert_eq!(passed.missed_total, 4);
}

#[test]
fn only_the_newest_missed_slots_are_recorded_one_by_one() {
    let cron = CronSpec::parse("* * * * * *", "UTC").unwrap();
    let passed = passed_slots(
        &cron,
        utc("2026-12-02T10:00:00Z"),
        utc("2026-12-02T11:00:00Z"),
        lateness(CatchUp::None, 60, "2026-12-02T11:00:00Z"),
    )
    .unwrap();
    assert_eq!(passed.missed.len(), MISSED_RECORDED);
    assert_eq!(passed.missed_total, 3600);
    assert_eq!(passed.missed.last(), Some(&utc("2026-12-02T11:00:00Z")));
}
