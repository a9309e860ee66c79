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
mod tests {
    use super::*;

    fn ms(values: &[u64]) -> Vec<Duration> {
        values.iter().map(|&v| Duration::from_millis(v)).collect()
    }

    #[test]
    fn percentiles_of_one_to_a_hundred_are_the_ranks_themselves() {
        let sorted = ms(&(1..=100).collect::<Vec<_>>());
        assert_eq!(
            nearest_rank_percentile(&sorted, 50.0),
            Some(Duration::from_millis(50))
        );
        assert_eq!(
            nearest_rank_percentile(&sorted, 99.0),
            Some(Duration::from_millis(99))
        );
        assert_eq!(
            nearest_rank_percentile(&sorted, 100.0),
            Some(Duration::from_millis(100))
        );
        assert_eq!(
            nearest_rank_percentile(&sorted, 0.0),
            Some(Duration::from_millis(1))
        );
    }

    #[test]
    fn p99_of_few_samples_is_the_maximum() {
        let sorted = ms(&[1, 2, 3, 40]);
        assert_eq!(
            nearest_rank_percentile(&sorted, 99.0),
            Some(Duration::from_millis(40))
        );
        assert_eq!(
            nearest_rank_percentile(&sorted, 50.0),
            Some(Duration::from_millis(2))
        );
    }

    #[test]
    fn nothing_to_rank_gives_no_percentile() {
        assert_eq!(nearest_rank_percentile(&[], 50.0), None);
        assert_eq!(LatencySummary::from_samples(&[]), None);
        assert_eq!(nearest_rank_percentile(&ms(&[1]), 101.0), None);
    }

    #[test]
    fn summary_sorts_unsorted_samples() {
        let summary = LatencySummary::from_samples(&ms(&[9, 1, 5, 3, 7])).unwrap();
        assert_eq!(summary.count, 5);
        assert_eq!(summary.p50, Duration::from_millis(5));
        assert_eq!(summary.p99, Duration::from_millis(9));
        assert_eq!(summary.max, Duration::from_millis(9));
    }

    #[test]
    fn difference_keeps_its_sign() {
        let (small, large) = (Duration::from_micros(500), Duration::from_micros(2_250));
        assert!((signed_difference_ms(large, small) - 1.75).abs() < 1e-9);
        assert!((signed_difference_ms(small, large) + 1.75).abs() < 1e-9);
    }
}
