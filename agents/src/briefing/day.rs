//! The day a briefing is about: `YYYY-MM-DD` in the operator's zone, as the instants
//! `[since_ms, until_ms)` it spans. A day is not always 24 hours: 23 or 25 across a DST
//! change, and where a zone skips midnight the day starts at the first local time after it.

#[cfg(test)]
mod tests;

use chrono::{Days, LocalResult, NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Tz;

/// How far past a skipped local midnight the day's first instant is looked for (gaps are at
/// most a few hours), a quarter hour at a time.
const GAP_STEPS: u32 = 4 * 24;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BriefingDay {
    pub date: NaiveDate,
    pub zone: Tz,
    /// The day's first instant, Unix ms.
    pub since_ms: i64,
    /// The next day's first instant, Unix ms.
    pub until_ms: i64,
}

impl BriefingDay {
    /// The day `input` names in `zone`; the problem in words when it names none.
    pub fn parse(input: &str, zone: Tz) -> Result<Self, String> {
        let text = input.trim();
        let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map_err(|_| format!("the briefing needs a day like 2026-12-02, not \"{text}\""))?;
        let next = date
            .checked_add_days(Days::new(1))
            .ok_or_else(|| format!("{text} is the last day chrono knows"))?;
        Ok(Self {
            date,
            zone,
            since_ms: first_instant(zone, date),
            until_ms: first_instant(zone, next),
        })
    }

    /// "2026-12-02".
    pub fn text(&self) -> String {
        self.date.format("%Y-%m-%d").to_string()
    }

    pub fn contains(&self, instant_ms: i64) -> bool {
        (self.since_ms..self.until_ms).contains(&instant_ms)
    }
}

/// The first instant of `date` in `zone`, Unix ms.
fn first_instant(zone: Tz, date: NaiveDate) -> i64 {
    let midnight = date.and_time(NaiveTime::MIN);
    for step in 0..GAP_STEPS {
        let local = midnight + chrono::Duration::minutes(15 * i64::from(step));
        match zone.from_local_datetime(&local) {
            LocalResult::Single(instant) | LocalResult::Ambiguous(instant, _) => {
                return instant.timestamp_millis();
            }
            LocalResult::None => {}
        }
    }
    // No real zone skips a whole day; midnight UTC is the least surprising answer.
    midnight.and_utc().timestamp_millis()
}
