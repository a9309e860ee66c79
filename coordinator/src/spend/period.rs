//! Budget periods: UTC days (from 00:00 UTC) and UTC months (from the 1st, 00:00 UTC).

use chrono::{Datelike, NaiveDate, TimeZone, Utc};

/// How long a budget limit's spending accumulates before it starts again from nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Day,
    Month,
}

/// The period containing `now_ms`: `(start_ms, next_start_ms)`, both in Unix milliseconds.
pub fn period_bounds(period: Period, now_ms: i64) -> (i64, i64) {
    let today = crate::clock::utc(now_ms)
        .map(|at| at.date_naive())
        .unwrap_or_default();
    let (start, next) = match period {
        Period::Day => (today, today.succ_opt().unwrap_or(today)),
        Period::Month => {
            let first = today.with_day(1).unwrap_or(today);
            let next = if first.month() == 12 {
                NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
            };
            (first, next.unwrap_or(first))
        }
    };
    (midnight_ms(start), midnight_ms(next))
}

fn midnight_ms(date: NaiveDate) -> i64 {
    Utc.from_utc_datetime(&date.and_time(chrono::NaiveTime::MIN))
        .timestamp_millis()
}
