//! Wall-clock time as Unix milliseconds, the unit every job and node timestamp uses.

use std::time::{SystemTime, UNIX_EPOCH};

pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| elapsed.as_millis() as i64)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn now_is_after_2025() {
        assert!(super::now_ms() > 1_735_689_600_000);
    }
}

/// Formats Unix milliseconds as an RFC 3339 UTC timestamp (`2026-11-26T10:00:00Z`).
pub fn format_rfc3339(unix_ms: i64) -> String {
    match utc(unix_ms) {
        Some(at) => at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        None => format!("{unix_ms} ms after the Unix epoch"),
    }
}

/// The UTC date and time of Unix milliseconds; `None` past chrono's range (±262,000 years).
pub fn utc(unix_ms: i64) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::from_timestamp_millis(unix_ms)
}

#[cfg(test)]
mod format_tests {
    use super::format_rfc3339;

    #[test]
    fn formats_known_instants() {
        assert_eq!(format_rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_rfc3339(1_795_651_200_000), "2026-11-26T00:00:00Z");
        assert_eq!(
            format_rfc3339(951_782_400_000 + 3_723_000),
            "2000-02-29T01:02:03Z"
        );
    }
}
