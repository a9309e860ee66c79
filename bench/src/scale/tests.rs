//! Tests of the `scale` module.

use super::*;

#[test]
fn quick_is_smaller_than_full_in_every_count() {
    let (quick, full) = (ScaleSettings::quick(), ScaleSettings::full());
    assert!(quick.agent_counts.iter().max() < full.agent_counts.iter().max());
    assert!(quick.steady_window < full.steady_window);
    assert!(quick.view_trials < full.view_trials);
    assert!(quick.routing_requests < full.routing_requests);
    assert!(full.agent_counts.contains(&10_000));
}
