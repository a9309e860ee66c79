//! The median reported is one of the samples measured.

use std::time::Duration;

use super::median;

fn ms(values: &[u64]) -> Vec<Duration> {
    values
        .iter()
        .map(|value| Duration::from_millis(*value))
        .collect()
}

#[test]
fn the_median_is_a_measured_sample() {
    assert_eq!(median(&ms(&[9, 1, 5])), Duration::from_millis(5));
    assert_eq!(median(&ms(&[4, 2])), Duration::from_millis(4));
    assert_eq!(median(&[]), Duration::ZERO);
}
