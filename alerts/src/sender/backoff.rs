//! How long to wait before trying Discord again after a 5xx, a timeout or no connection:
//! doubling from one second, capped, so a long outage costs a request every half minute.

use std::time::Duration;

pub const FIRST_RETRY_DELAY: Duration = Duration::from_secs(1);
pub const LONGEST_RETRY_DELAY: Duration = Duration::from_secs(30);

/// The wait after the `attempts`-th failed attempt (1 for the first).
pub fn retry_delay(attempts: u32) -> Duration {
    let doublings = attempts.saturating_sub(1).min(16);
    FIRST_RETRY_DELAY
        .saturating_mul(1 << doublings)
        .min(LONGEST_RETRY_DELAY)
}

#[cfg(test)]
mod tests;
