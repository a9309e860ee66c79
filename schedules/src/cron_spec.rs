//! A schedule's cron read in its IANA zone: 5 fields, or 6 with seconds first (croner, whose
//! DST rules are OCPS/Vixie's: a fixed-time slot in a spring-forward gap runs once just after
//! it, one in a fall-back overlap runs once, at its first occurrence). Slots are UTC instants.

use std::collections::VecDeque;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use croner::Cron;
use croner::parser::{CronParser, Seconds, Year};

/// How many passed slots are counted before only the newest is looked for.
pub const MAX_COUNTED: u64 = 100_000;

#[derive(Debug, Clone)]
pub struct CronSpec {
    cron: Cron,
    text: String,
    zone: Tz,
}

impl CronSpec {
    /// `text` as 5 or 6 fields (or `@daily` and the like), `zone` an IANA name.
    pub fn parse(text: &str, zone: &str) -> Result<Self, String> {
        Self::parse_in(text, parse_zone(zone)?)
    }

    /// `text` read in `zone`.
    pub fn parse_in(text: &str, zone: Tz) -> Result<Self, String> {
        let text = text.trim();
        let fields = text.split_whitespace().count();
        if !text.starts_with('@') && !(5..=6).contains(&fields) {
            return Err(format!(
                "cron `{text}` has {fields} fields: write 5 (minute hour day month weekday) or 6 \
                 (seconds first)"
            ));
        }
        let cron = CronParser::builder()
            .seconds(Seconds::Optional)
            .year(Year::Disallowed)
            .build()
            .parse(text)
            .map_err(|error| format!("cron `{text}` is not valid: {error}"))?;
        let spec = Self {
            cron,
            text: text.to_owned(),
            zone,
        };
        // A pattern that never matches (`0 0 31 2 *`) would leave the schedule silent forever.
        if spec
            .next_after(DateTime::from(std::time::SystemTime::now()))
            .is_none()
        {
            return Err(format!("cron `{text}` never fires"));
        }
        Ok(spec)
    }

    /// The first slot strictly after `after`; `None` when the pattern has no more.
    pub fn next_after(&self, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let local = after.with_timezone(&self.zone);
        let next = self.cron.find_next_occurrence(&local, false).ok()?;
        Some(next.with_timezone(&Utc))
    }

    /// The slots in `(after, until]`, oldest first: at most `limit` of them (the newest ones
    /// when there are more), and how many there were, counted up to [`MAX_COUNTED`] (a
    /// per-second cron over a long downtime is not walked slot by slot for ever).
    pub fn slots_between(
        &self,
        after: DateTime<Utc>,
        until: DateTime<Utc>,
        limit: usize,
    ) -> (Vec<DateTime<Utc>>, u64) {
        let mut slots = VecDeque::new();
        let mut total = 0_u64;
        let mut cursor = after;
        while let Some(slot) = self.next_after(cursor).filter(|slot| *slot <= until) {
            if total == MAX_COUNTED {
                // Too many to walk: the newest one is what matters.
                let newest = self
                    .newest_at_or_before(until)
                    .filter(|newest| *newest > slot);
                if let Some(newest) = newest {
                    slots.clear();
                    slots.push_back(newest);
                }
                break;
            }
            total += 1;
            if slots.len() == limit {
                slots.pop_front();
            }
            slots.push_back(slot);
            cursor = slot;
        }
        (slots.into(), total)
    }

    fn newest_at_or_before(&self, until: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let local = until.with_timezone(&self.zone);
        let newest = self.cron.find_previous_occurrence(&local, true).ok()?;
        Some(newest.with_timezone(&Utc))
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn zone(&self) -> Tz {
        self.zone
    }

    /// The pattern in words ("At 07:00").
    pub fn describe(&self) -> String {
        self.cron.describe()
    }
}

/// An IANA zone name ("Europe/London", "UTC").
pub fn parse_zone(zone: &str) -> Result<Tz, String> {
    Tz::from_str(zone.trim()).map_err(|_| {
        format!("`{zone}` is not an IANA time zone (like \"Europe/London\" or \"UTC\")")
    })
}

#[cfg(test)]
mod tests;
