//! Calendar days in an IANA time zone: the instant a day starts and the day an instant is in.

use chrono::{DateTime, Duration, LocalResult, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

/// The first instant (Unix ms) of `date` in `zone`: local midnight, or where a zone skips
/// midnight (a DST change at 00:00), the first local time that exists after it.
pub fn start_of_day(zone: Tz, date: NaiveDate) -> i64 {
    let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    // Gaps are at most a few hours; step through them a quarter hour at a time.
    for step in 0..(4 * 24) {
        match zone.from_local_datetime(&(midnight + Duration::minutes(15 * step))) {
            LocalResult::Single(instant) => return instant.timestamp_millis(),
            LocalResult::Ambiguous(earliest, _) => return earliest.timestamp_millis(),
            LocalResult::None => {}
        }
    }
    // Unreachable for any real zone; midnight UTC is the least surprising fallback.
    midnight.and_utc().timestamp_millis()
}

/// The calendar day of `instant_ms` in `zone`.
pub fn date_of(zone: Tz, instant_ms: i64) -> NaiveDate {
    let utc = DateTime::<Utc>::from_timestamp_millis(instant_ms).unwrap_or_default();
    utc.with_timezone(&zone).date_naive()
}

/// `date_of` as the report writes it: "2026-12-02".
pub fn day_of(zone: Tz, instant_ms: i64) -> String {
    date_of(zone, instant_ms).format("%Y-%m-%d").to_string()
}
