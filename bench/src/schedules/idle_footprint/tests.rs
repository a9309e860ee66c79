//! Unit tests of the idle coordinator's CPU scaling.

use std::time::Duration;

use super::*;

#[test]
fn cpu_per_minute_scales_the_window_to_sixty_seconds() {
    let cpu = per_minute(Duration::from_millis(30), Duration::from_secs(30));
    assert!((cpu - 60.0).abs() < 1e-9, "{cpu}");
    assert_eq!(per_minute(Duration::from_secs(1), Duration::ZERO), 0.0);
}
