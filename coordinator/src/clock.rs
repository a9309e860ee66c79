//! Time for the coordinator: wall-clock Unix milliseconds (the unit every job and node
//! timestamp uses), RFC 3339 formatting, and the `Clock` the cluster loop reads, so that its
//! timer logic (heartbeat silence, queue and first-token timings) runs on a clock tests advance.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| elapsed.as_millis() as i64)
        .unwrap_or(0)
}

/// Formats Unix milliseconds as an RFC 3339 UTC timestamp (`2026-11-26T10:00:00Z`).
pub fn format_rfc3339(unix_ms: i64) -> String {
    match utc(unix_ms) {
        Some(at) => at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        None => format!("{unix_ms} ms after the Unix epoch"),
    }
}

/// `10:42:13 UTC`: a time later today, as an operator reads when a cool-down ends.
pub fn format_clock_time(unix_ms: i64) -> String {
    match utc(unix_ms) {
        Some(at) => at.format("%H:%M:%S UTC").to_string(),
        None => format_rfc3339(unix_ms),
    }
}

/// The UTC date and time of Unix milliseconds; `None` past chrono's range (±262,000 years).
pub fn utc(unix_ms: i64) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::from_timestamp_millis(unix_ms)
}

/// Where the cluster loop reads the time. Both readings come from one clock so that a test
/// that moves it moves both.
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// Wall-clock time as Unix milliseconds, for records and views.
    fn now_ms(&self) -> i64;
    /// Monotonic time, for durations (heartbeat silence, time to first token, total time).
    fn now(&self) -> Instant;
}

/// The system's clocks: what the coordinator runs on.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_ms(&self) -> i64 {
        now_ms()
    }

    fn now(&self) -> Instant {
        Instant::now()
    }
}

/// A clock that moves only when told; clones share the time, so a test keeps one and hands
/// another to the cluster loop.
#[derive(Debug, Clone)]
pub struct ManualClock {
    started: Instant,
    started_ms: i64,
    advanced_ms: Arc<AtomicU64>,
}

impl ManualClock {
    /// A clock reading `unix_ms` on the wall until advanced.
    pub fn starting_at(unix_ms: i64) -> Self {
        Self {
            started: Instant::now(),
            started_ms: unix_ms,
            advanced_ms: Arc::new(AtomicU64::new(0)),
        }
    }

    pub fn advance(&self, by: Duration) {
        self.advanced_ms
            .fetch_add(by.as_millis() as u64, Ordering::SeqCst);
    }

    fn advanced(&self) -> Duration {
        Duration::from_millis(self.advanced_ms.load(Ordering::SeqCst))
    }
}

impl Clock for ManualClock {
    fn now_ms(&self) -> i64 {
        self.started_ms + self.advanced().as_millis() as i64
    }

    fn now(&self) -> Instant {
        self.started + self.advanced()
    }
}

#[cfg(test)]
mod tests;
