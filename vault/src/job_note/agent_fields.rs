//! The properties only the agents read: `day:` (`YYYY-MM-DD`) and `time_zone:` (an IANA
//! name), each checked where it is written so a bad one is named with its line.

use chrono::NaiveDate;

use super::checker::Checker;

impl Checker {
    /// `day:`, a calendar day written `YYYY-MM-DD`.
    pub fn day(&mut self) -> Option<String> {
        let (text, line) = self.text("day")?;
        let day = text.trim();
        if NaiveDate::parse_from_str(day, "%Y-%m-%d").is_ok() && day.len() == 10 {
            return Some(day.to_owned());
        }
        let message = format!("`day` is `{text}`: write a day as YYYY-MM-DD, e.g. 2026-12-02");
        self.problem("day", Some(line), message);
        None
    }

    /// `time_zone:`, a name from the IANA time zone database.
    pub fn time_zone(&mut self) -> Option<String> {
        let (text, line) = self.text("time_zone")?;
        let zone = text.trim();
        if zone.parse::<chrono_tz::Tz>().is_ok() {
            return Some(zone.to_owned());
        }
        let message =
            format!("`time_zone` is `{text}`: use an IANA time zone name, e.g. Europe/Paris");
        self.problem("time_zone", Some(line), message);
        None
    }
}
