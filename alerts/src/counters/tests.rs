//! Tests of the `counters` module.

use super::*;

#[test]
fn each_counter_counts_on_its_own() {
    let counters = AlertCounters::default();
    counters.add_raised(3);
    counters.add_sent(2);
    counters.add_failed(1);
    counters.add_retried(2, false);
    counters.add_retried(1, true);
    assert_eq!(
        counters.snapshot(),
        AlertCountersSnapshot {
            raised: 3,
            sent: 2,
            failed: 1,
            retried: 3,
            rate_limited: 1,
        }
    );
}
