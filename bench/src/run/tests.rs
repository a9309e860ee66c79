//! Tests of the `run` module.

use super::*;

#[test]
fn quick_is_smaller_than_full_in_every_count_and_both_measure_concurrency_one() {
    let (quick, full) = (BenchSettings::quick(), BenchSettings::full());
    assert!(quick.overhead.requests < full.overhead.requests);
    assert!(quick.overhead.warmup < full.overhead.warmup);
    assert!(quick.failure_trials < full.failure_trials);
    assert!(quick.chat.requests < full.chat.requests && quick.chat.requests > 0);
    assert!(quick.alerts.trials < full.alerts.trials && quick.alerts.trials > 0);
    assert!(quick.footprint.idle_window < full.footprint.idle_window);
    for settings in [&quick, &full] {
        assert!(settings.overhead.concurrency_levels.contains(&1));
        assert!(settings.overhead.requests > 0 && settings.failure_trials > 0);
    }
}
