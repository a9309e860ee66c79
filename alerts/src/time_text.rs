//! Time as alerts show it: the wall clock the alerter runs on (anchored to tokio's clock, so
//! tests can pause time), RFC 3339 timestamps (Discord's embed `timestamp`), and durations
//! people read at a glance ("2 m 05 s").

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Unix milliseconds that advance with tokio's clock: real time in production, virtual time
/// under `tokio::time::pause` in tests.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    wall_at_start_ms: i64,
    started: tokio::time::Instant,
}

impl Clock {
    pub fn start() -> Self {
        let wall = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        Self {
            wall_at_start_ms: i64::try_from(wall.as_millis()).unwrap_or(i64::MAX),
            started: tokio::time::Instant::now(),
        }
    }

    pub fn now_ms(&self) -> i64 {
        let elapsed = i64::try_from(self.started.elapsed().as_millis()).unwrap_or(i64::MAX);
        self.wall_at_start_ms.saturating_add(elapsed)
    }

    /// How long until the wall-clock moment `at_ms` (zero when it has passed).
    pub fn until(&self, at_ms: i64) -> Duration {
        Duration::from_millis(u64::try_from(at_ms - self.now_ms()).unwrap_or(0))
    }
}

/// `2026-11-26T10:00:00.000Z` for Unix milliseconds.
pub fn format_rfc3339(unix_ms: i64) -> String {
    match chrono::DateTime::from_timestamp_millis(unix_ms) {
        Some(at) => at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        None => format!("{unix_ms} ms after the Unix epoch"),
    }
}

/// `41 s`, `2 m 05 s`, `3 h 07 m`, `2 d 04 h` for a span in milliseconds.
pub fn format_span(span_ms: i64) -> String {
    let seconds = span_ms.max(0) / 1000;
    match seconds {
        0..60 => format!("{seconds} s"),
        60..3600 => format!("{} m {:02} s", seconds / 60, seconds % 60),
        3600..86_400 => format!("{} h {:02} m", seconds / 3600, seconds % 3600 / 60),
        _ => format!("{} d {:02} h", seconds / 86_400, seconds % 86_400 / 3600),
    }
}

/// `3.2 GiB` for a byte count.
pub fn format_bytes(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests;
