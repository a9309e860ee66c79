//! Tests of the `percentiles` module.

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
