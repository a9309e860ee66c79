//! Timestamps in the shape Ollama writes them: Go's `time.RFC3339Nano` in UTC, e.g.
//! `2023-08-04T19:22:45.499127Z` (trailing zeros of the fraction trimmed, no fraction at all on a
//! whole second). Written by hand so the harness does not pull in a date crate for one format.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

const SECONDS_PER_DAY: u64 = 86_400;

/// Formats `time` as Go's `time.Time.MarshalJSON` does for a UTC time.
pub(crate) fn rfc3339_utc(time: SystemTime) -> String {
    // A clock before 1970 is not a case a test machine has; it prints as the epoch.
    let since_epoch = time.duration_since(UNIX_EPOCH).unwrap_or(Duration::ZERO);
    let seconds = since_epoch.as_secs();
    let (year, month, day) = civil_date_from_days_since_epoch(seconds / SECONDS_PER_DAY);
    let second_of_day = seconds % SECONDS_PER_DAY;
    let mut formatted = format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
        second_of_day / 3600,
        (second_of_day % 3600) / 60,
        second_of_day % 60
    );
    let nanoseconds = since_epoch.subsec_nanos();
    if nanoseconds > 0 {
        formatted.push('.');
        formatted.push_str(format!("{nanoseconds:09}").trim_end_matches('0'));
    }
    formatted.push('Z');
    formatted
}

/// The current time, formatted as Ollama's `created_at`.
pub(crate) fn now_rfc3339_utc() -> String {
    rfc3339_utc(SystemTime::now())
}

/// Converts a day count since 1970-01-01 to a proleptic Gregorian (year, month, day), using
/// Howard Hinnant's `civil_from_days` algorithm (eras of 400 years starting in March).
fn civil_date_from_days_since_epoch(days_since_epoch: u64) -> (u64, u64, u64) {
    let days_since_era_zero = days_since_epoch + 719_468;
    let era = days_since_era_zero / 146_097;
    let day_of_era = days_since_era_zero % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: u64, nanoseconds: u32) -> SystemTime {
        UNIX_EPOCH + Duration::new(seconds, nanoseconds)
    }

    #[test]
    fn the_epoch_has_no_fraction() {
        assert_eq!(rfc3339_utc(at(0, 0)), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn fractions_are_trimmed_like_go_rfc3339nano() {
        // 2023-08-04T19:22:45.499127Z is the timestamp in Ollama's docs/api.md examples.
        assert_eq!(
            rfc3339_utc(at(1_691_176_965, 499_127_000)),
            "2023-08-04T19:22:45.499127Z"
        );
        assert_eq!(
            rfc3339_utc(at(1_700_000_000, 1)),
            "2023-11-14T22:13:20.000000001Z"
        );
    }

    #[test]
    fn leap_days_and_year_ends_land_on_the_right_date() {
        assert_eq!(rfc3339_utc(at(951_782_400, 0)), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339_utc(at(1_735_689_599, 0)), "2024-12-31T23:59:59Z");
        assert_eq!(rfc3339_utc(at(1_735_689_600, 0)), "2025-01-01T00:00:00Z");
    }
}
