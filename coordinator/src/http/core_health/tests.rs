//! The first recorded failure is the one reported; later ones are its consequences.

use super::CoreHealth;

#[test]
fn healthy_until_a_failure_and_the_first_reason_wins() {
    let health = CoreHealth::default();
    assert_eq!(health.failure(), None);
    let seen_by_healthz = health.clone();
    health.record_failure("store writer failed: disk full".into());
    health.record_failure("cluster loop ended".into());
    assert_eq!(
        seen_by_healthz.failure().as_deref(),
        Some("store writer failed: disk full")
    );
}
