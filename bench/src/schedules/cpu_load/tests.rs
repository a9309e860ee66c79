//! Unit tests of the bounded CPU load: it stops at its deadline and when dropped.

use std::time::{Duration, Instant};

use super::*;

#[test]
fn the_cpu_load_stops_at_its_deadline_without_being_dropped() {
    let started = Instant::now();
    let load = CpuLoad::start(1, Duration::from_millis(50)).unwrap();
    assert_eq!(load.threads(), 1);
    drop(load);
    assert!(started.elapsed() < Duration::from_secs(5));
    let load = CpuLoad::start(2, Duration::from_secs(60)).unwrap();
    let dropped_at = Instant::now();
    drop(load);
    assert!(
        dropped_at.elapsed() < Duration::from_secs(5),
        "drop stops it early"
    );
}
