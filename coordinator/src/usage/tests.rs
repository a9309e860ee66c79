//! Tests of request parsing: days and instants in time zones, defaults, and the messages for
//! bad input.

use chrono::{NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use proto::v1::{GetUsageRequest, UsageGrouping};

use super::{UsageQuery, UsageQueryError, parse_grouping_word, start_of_day};

fn ms(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> i64 {
    Utc.with_ymd_and_hms(year, month, day, hour, minute, 0)
        .unwrap()
        .timestamp_millis()
}

fn request(since: &str, until: &str, time_zone: &str) -> GetUsageRequest {
    GetUsageRequest {
        since: since.into(),
        until: until.into(),
        time_zone: time_zone.into(),
        ..Default::default()
    }
}

const HOUR_MS: i64 = 3_600_000;
/// "Now" for every test: 2026-12-03 13:05 UTC.
fn now() -> i64 {
    ms(2026, 12, 3, 13, 5)
}

#[test]
fn days_in_utc_are_midnight_to_midnight_with_until_inclusive() {
    let query = UsageQuery::parse(&request("2026-12-01", "2026-12-02", ""), now()).unwrap();
    assert_eq!(query.since_ms, ms(2026, 12, 1, 0, 0));
    assert_eq!(query.until_ms, ms(2026, 12, 3, 0, 0));
    assert_eq!(query.time_zone, Tz::UTC);
    assert_eq!(query.by, [UsageGrouping::Model], "by model when not said");
}

#[test]
fn a_day_in_kolkata_starts_at_18_30_utc_the_day_before() {
    let query =
        UsageQuery::parse(&request("2026-12-01", "2026-12-01", "Asia/Kolkata"), now()).unwrap();
    assert_eq!(query.since_ms, ms(2026, 11, 30, 18, 30));
    assert_eq!(query.until_ms, ms(2026, 12, 1, 18, 30));
}

#[test]
fn new_york_dst_days_last_23_and_25_hours() {
    let spring = UsageQuery::parse(
        &request("2026-03-08", "2026-03-08", "America/New_York"),
        now(),
    )
    .unwrap();
    assert_eq!(spring.since_ms, ms(2026, 3, 8, 5, 0), "EST midnight");
    assert_eq!(spring.until_ms - spring.since_ms, 23 * HOUR_MS);
    let autumn = UsageQuery::parse(
        &request("2026-11-01", "2026-11-01", "America/New_York"),
        now(),
    )
    .unwrap();
    assert_eq!(autumn.since_ms, ms(2026, 11, 1, 4, 0), "EDT midnight");
    assert_eq!(autumn.until_ms - autumn.since_ms, 25 * HOUR_MS);
}

#[test]
fn a_zone_that_skips_midnight_starts_its_day_at_the_first_local_time() {
    // Santiago moved its clocks from 00:00 to 01:00 on 2026-09-06 (UTC-4 to UTC-3).
    let zone: Tz = "America/Santiago".parse().unwrap();
    let date = NaiveDate::from_ymd_opt(2026, 9, 6).unwrap();
    assert_eq!(start_of_day(zone, date), ms(2026, 9, 6, 4, 0));
}

#[test]
fn instants_are_taken_as_they_are_and_defaults_are_the_last_30_days_to_now() {
    let query = UsageQuery::parse(
        &request(
            "2026-12-01T09:07:00+01:00",
            "2026-12-01T10:00:00Z",
            "Europe/Berlin",
        ),
        now(),
    )
    .unwrap();
    assert_eq!(query.since_ms, ms(2026, 12, 1, 8, 7));
    assert_eq!(query.until_ms, ms(2026, 12, 1, 10, 0));

    let defaults = UsageQuery::parse(&request("", "", "Asia/Kolkata"), now()).unwrap();
    assert_eq!(defaults.until_ms, now());
    assert_eq!(
        defaults.since_ms,
        ms(2026, 11, 3, 18, 30),
        "Kolkata's 2026-11-04"
    );
}

#[test]
fn groupings_keep_their_order_without_duplicates_and_filters_narrow() {
    let mut asked = request("", "", "");
    asked.by = vec![
        UsageGrouping::Day as i32,
        UsageGrouping::Node as i32,
        UsageGrouping::Day as i32,
    ];
    asked.model = "gemma4:27b".into();
    let query = UsageQuery::parse(&asked, now()).unwrap();
    assert_eq!(query.by, [UsageGrouping::Day, UsageGrouping::Node]);
    assert_eq!(query.model.as_deref(), Some("gemma4:27b"));
    assert_eq!(query.node, None);
    assert_eq!(parse_grouping_word("Day"), Ok(UsageGrouping::Day));
    assert_eq!(
        parse_grouping_word("USAGE_GROUPING_NODE"),
        Ok(UsageGrouping::Node)
    );
}

#[test]
fn bad_input_names_the_value_and_the_accepted_forms() {
    let message =
        |request: &GetUsageRequest| UsageQuery::parse(request, now()).unwrap_err().to_string();
    assert_eq!(
        message(&request("", "", "Europe/Berln")),
        r#"time zone "Europe/Berln" is not an IANA name (like "Europe/Berlin" or "UTC")"#
    );
    assert_eq!(
        message(&request("2026-13-01", "", "")),
        r#"since "2026-13-01" is neither a day (like "2026-12-01") nor an RFC 3339 instant (like "2026-12-01T09:00:00Z")"#
    );
    assert!(message(&request("", "yesterday", "")).starts_with(r#"until "yesterday" is neither"#));
    assert!(message(&request("2026-12-02", "2026-12-01", "")).contains("is not before until"));
    let mut unknown = request("", "", "");
    unknown.by = vec![0];
    assert_eq!(
        UsageQuery::parse(&unknown, now()),
        Err(UsageQueryError::Grouping("0".into()))
    );
    assert_eq!(
        parse_grouping_word("week").unwrap_err().to_string(),
        r#"grouping "week" is not one of model, node, day"#
    );
}
