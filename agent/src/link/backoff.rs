//! The wait between reconnection attempts: capped exponential backoff with full jitter, so a
//! restarted coordinator is not hit by every agent at the same instant.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

use tokio_util::sync::CancellationToken;

pub const FIRST_CEILING: Duration = Duration::from_millis(100);
pub const LAST_CEILING: Duration = Duration::from_secs(5);

pub struct Backoff {
    first_ceiling: Duration,
    last_ceiling: Duration,
    failures: u32,
    /// A number in [0, 1); replaceable in tests.
    random_fraction: fn() -> f64,
}

impl Backoff {
    /// 100 ms doubling up to 5 s.
    pub fn new() -> Self {
        Self::with_bounds(FIRST_CEILING, LAST_CEILING)
    }

    pub fn with_bounds(first_ceiling: Duration, last_ceiling: Duration) -> Self {
        Self {
            first_ceiling,
            last_ceiling,
            failures: 0,
            random_fraction,
        }
    }

    /// The longest the next wait may be: doubles with every failure up to the last ceiling.
    pub fn ceiling(&self) -> Duration {
        let doublings = self.failures.min(31);
        self.first_ceiling
            .saturating_mul(1 << doublings)
            .min(self.last_ceiling)
    }

    /// A wait anywhere between zero and the ceiling ("full jitter"), and one more failure.
    pub fn next_delay(&mut self) -> Duration {
        let delay = self
            .ceiling()
            .mul_f64((self.random_fraction)().clamp(0.0, 1.0));
        self.failures = self.failures.saturating_add(1);
        delay
    }

    /// After a successful attach the next failure waits briefly again.
    pub fn reset(&mut self) {
        self.failures = 0;
    }

    /// Sleeps the next delay; false when shutdown came first.
    pub async fn wait(&mut self, shutdown: &CancellationToken) -> bool {
        let delay = self.next_delay();
        tokio::select! {
            _ = shutdown.cancelled() => false,
            _ = tokio::time::sleep(delay) => true,
        }
    }
}

impl Default for Backoff {
    fn default() -> Self {
        Self::new()
    }
}

/// A cheap fraction in [0, 1): each `RandomState` carries fresh random keys, and jitter needs
/// no more than that (no cryptographic strength, no extra dependency).
fn random_fraction() -> f64 {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u8(0);
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests;
