//! A schedule's moments as its operator reads them: in the schedule's own zone
//! (`Thu 4 Dec 07:00 GMT`) and relative to now (`in 3 h`, `5 min ago`).

use chrono::DateTime;
use chrono_tz::Tz;

use super::format::ago;

/// `Thu 4 Dec 07:00 GMT` in `zone` (an IANA name; empty is UTC, the config's default); a zone
/// this build does not know is shown in UTC, saying so.
pub fn zoned_time(unix_ms: i64, zone: &str) -> String {
    let zone = if zone.is_empty() { "UTC" } else { zone };
    let Some(moment) = DateTime::from_timestamp_millis(unix_ms) else {
        return format!("{unix_ms} ms after 1970 (out of range)");
    };
    match zone.parse::<Tz>() {
        Ok(tz) => moment
            .with_timezone(&tz)
            .format("%a %-d %b %Y %H:%M %Z")
            .to_string(),
        Err(_) => format!(
            "{} (unknown zone {zone:?})",
            moment.format("%a %-d %b %Y %H:%M UTC")
        ),
    }
}

/// How far `then_ms` is from `now_ms`: `in 40 s`, `in 3 h`, `in 2 days`; a moment passed
/// reads as `format::ago` does.
pub fn relative(then_ms: i64, now_ms: i64) -> String {
    if then_ms < now_ms {
        return ago(then_ms, now_ms);
    }
    let seconds = (then_ms - now_ms) / 1000;
    match seconds {
        0 => "now".to_owned(),
        1..120 => format!("in {seconds} s"),
        120..7_200 => format!("in {} min", seconds / 60),
        7_200..172_800 => format!("in {} h", seconds / 3600),
        _ => format!("in {} days", seconds / 86_400),
    }
}

#[cfg(test)]
mod tests;
