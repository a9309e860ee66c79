//! UTC calendar days from Unix milliseconds (the page counts days in UTC), without a date
//! library: the civil-from-days algorithm (H. Hinnant's).

const DAY_MS: i64 = 86_400_000;

/// (year, month, day) of the UTC day `unix_ms` falls in.
fn civil(unix_ms: i64) -> (i64, u32, u32) {
    let days = unix_ms.div_euclid(DAY_MS) + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u32;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `2026-12-03`.
pub fn utc_day(unix_ms: i64) -> String {
    let (year, month, day) = civil(unix_ms);
    format!("{year:04}-{month:02}-{day:02}")
}

/// `2026-12-03 14:05 UTC`.
pub fn utc_minute(unix_ms: i64) -> String {
    let minutes = unix_ms.rem_euclid(DAY_MS) / 60_000;
    format!(
        "{} {:02}:{:02} UTC",
        utc_day(unix_ms),
        minutes / 60,
        minutes % 60
    )
}

/// Every UTC day in [since_ms, until_ms), at most 400 (a range the page never asks for more).
pub fn days_between(since_ms: i64, until_ms: i64) -> Vec<String> {
    let first = since_ms.div_euclid(DAY_MS);
    let last = (until_ms - 1).div_euclid(DAY_MS);
    (first..=last)
        .take(400)
        .map(|day| utc_day(day * DAY_MS))
        .collect()
}

/// The first day of a range of `days` days ending today, as `GetUsage` takes it.
pub fn first_day_of_last(days: u32, now_ms: i64) -> String {
    utc_day(now_ms - i64::from(days.saturating_sub(1)) * DAY_MS)
}
