//! Days as the vault writes them: `2026-12-03` (or an RFC 3339 time, of which the day counts)
//! to ms since the epoch at 00:00 UTC, and back.

/// `2026-12-03`, `2026-12-03T10:00:00+01:00` or `2026-12-03 10:00` → that day at 00:00 UTC.
pub fn day_ms(text: &str) -> Option<i64> {
    let text = text.trim();
    let day = text.get(..10)?;
    let rest = &text[10..];
    if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
        return None;
    }
    let digits_only = day.bytes().enumerate().all(|(at, byte)| {
        if at == 4 || at == 7 {
            byte == b'-'
        } else {
            byte.is_ascii_digit()
        }
    });
    if !digits_only {
        return None;
    }
    let date = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
    Some(date.and_hms_opt(0, 0, 0)?.and_utc().timestamp_millis())
}

/// A daily note's day from its file name (`Journal/2026-12-03.md`).
pub fn daily_note_ms(path: &str) -> Option<i64> {
    let name = path.rsplit('/').next()?;
    let stem = name.strip_suffix(".md").unwrap_or(name);
    (stem.len() == 10).then(|| day_ms(stem)).flatten()
}

/// The `YYYY-MM-DD` of the UTC day `ms` falls in.
pub fn day_name(ms: i64) -> String {
    crate::clock::day_of(ms)
}

#[cfg(test)]
mod tests;
