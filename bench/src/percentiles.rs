//! Order statistics of latency samples: nearest-rank percentiles, so every figure reported is a
//! latency that was actually measured, never an interpolation between two.

use std::time::Duration;

/// The figures the report shows for one set of samples.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LatencySummary {
    pub count: usize,
    pub p50: Duration,
    pub p99: Duration,
    pub max: Duration,
}

impl LatencySummary {
    /// `None` for no samples: a percentile of nothing is not zero, it is missing.
    pub fn from_samples(samples: &[Duration]) -> Option<Self> {
        let mut sorted = samples.to_vec();
        sorted.sort_unstable();
        Some(Self {
            count: sorted.len(),
            p50: nearest_rank_percentile(&sorted, 50.0)?,
            p99: nearest_rank_percentile(&sorted, 99.0)?,
            max: *sorted.last()?,
        })
    }
}

/// The nearest-rank percentile of already sorted samples: the smallest sample such that at
/// least `percent` % of the samples are less than or equal to it.
pub fn nearest_rank_percentile(sorted: &[Duration], percent: f64) -> Option<Duration> {
    if sorted.is_empty() || !(0.0..=100.0).contains(&percent) {
        return None;
    }
    // Sample counts are far below 2^52, so the conversion to f64 and back is exact.
    let rank = ((percent / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted.get(rank.clamp(1, sorted.len()) - 1).copied()
}

/// `later − earlier` in milliseconds, negative when `later` is the smaller one (the added
/// latency of a path that happened to be faster must show as negative, not as zero).
pub fn signed_difference_ms(later: Duration, earlier: Duration) -> f64 {
    later.as_secs_f64() * 1000.0 - earlier.as_secs_f64() * 1000.0
}

#[cfg(test)]
mod tests;
