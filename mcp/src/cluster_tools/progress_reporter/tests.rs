//! Tests of the `progress_reporter` module.

use super::*;

#[test]
fn the_first_report_goes_at_once_then_one_per_interval() {
    let mut throttle = ProgressThrottle::new(Duration::from_millis(200));
    let start = Instant::now();
    assert!(throttle.should_send(start));
    assert!(!throttle.should_send(start));
    assert!(!throttle.should_send(start + Duration::from_millis(150)));
    assert!(throttle.should_send(start + Duration::from_millis(200)));
    assert!(!throttle.should_send(start + Duration::from_millis(399)));
    assert!(throttle.should_send(start + Duration::from_millis(400)));
}
