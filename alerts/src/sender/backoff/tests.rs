//! Tests of the `backoff` module.

use super::*;

#[test]
fn delays_double_from_one_second_up_to_the_cap() {
    let delays: Vec<u64> = (1..=8).map(|n| retry_delay(n).as_secs()).collect();
    assert_eq!(delays, [1, 2, 4, 8, 16, 30, 30, 30]);
    assert_eq!(retry_delay(0), FIRST_RETRY_DELAY);
    assert_eq!(retry_delay(u32::MAX), LONGEST_RETRY_DELAY);
}
