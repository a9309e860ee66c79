//! Instants as the store and the API keep them: milliseconds since the Unix epoch, UTC.

use chrono::{DateTime, Utc};

pub fn to_ms(instant: DateTime<Utc>) -> i64 {
    instant.timestamp_millis()
}

/// Out-of-range values (never written by this crate) read as the epoch.
pub fn from_ms(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

#[cfg(test)]
mod tests;
