//! Unit tests of the schedule tables: names, crons, and daily slots hours away in each zone.

use chrono::{DateTime, TimeZone, Timelike, Utc};

use super::*;

#[test]
fn every_second_schedules_are_named_tables_with_a_six_field_cron() {
    let toml = every_second_schedules(3, "qwen2.5:14b");
    assert_eq!(toml.matches("[[schedules]]").count(), 3);
    assert!(toml.contains("name = \"tick-2\""));
    assert_eq!(toml.matches("cron = \"* * * * * *\"").count(), 3);
    assert!(toml.contains("model = \"qwen2.5:14b\""));
}

#[test]
fn quiet_daily_schedules_are_at_least_eleven_hours_away_in_their_zone() {
    let now: DateTime<Utc> = Utc.with_ymd_and_hms(2026, 12, 4, 0, 5, 0).unwrap();
    let toml = quiet_daily_schedules(16, "m", now);
    assert_eq!(toml.matches("[[schedules]]").count(), 16);
    for (index, zone) in ZONES.iter().enumerate() {
        let local_hour = now.with_timezone(zone).hour();
        let hour = (local_hour + 12) % 24;
        let expected = format!(
            "cron = \"{index} {hour} * * *\"\ntime_zone = \"{}\"",
            zone.name()
        );
        assert!(toml.contains(&expected), "{expected} missing from {toml}");
    }
    // Kathmandu is UTC+5:45: 05:50 local at 00:05 UTC, so its schedules are at 17:mm.
    assert!(toml.contains("6 17 * * *\"\ntime_zone = \"Asia/Kathmandu\""));
}
