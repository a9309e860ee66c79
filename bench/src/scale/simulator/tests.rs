//! Tests of the `simulator` module.

use super::*;

#[test]
fn statuses_are_spread_evenly_over_one_second_after_the_first() {
    let epoch = Instant::now();
    let ticks: Vec<Duration> = (0..4)
        .map(|index| first_tick(epoch, index, 4) - epoch)
        .collect();
    assert_eq!(ticks, [1000, 1250, 1500, 1750].map(Duration::from_millis));
}

#[test]
fn a_late_agent_keeps_its_place_in_the_second() {
    let phase = Instant::now();
    assert_eq!(next_on_phase(phase, phase), phase);
    let later = phase + Duration::from_millis(2_300);
    assert_eq!(next_on_phase(phase, later), phase + Duration::from_secs(3));
    assert_eq!(
        next_on_phase(phase + Duration::from_secs(5), later),
        phase + Duration::from_secs(5)
    );
}

#[test]
fn node_names_sort_in_index_order() {
    assert_eq!(sim_node_name(0), "sim-00001");
    assert!(sim_node_name(9) < sim_node_name(10));
}
