//! Unit tests of the recent jobs' capacity.

use super::*;

#[test]
fn keeps_the_latest_records_up_to_capacity() {
    let mut recent = RecentJobs::default();
    for index in 0..CAPACITY + 10 {
        recent.remember(Job {
            id: format!("J{index}"),
            ..Default::default()
        });
    }
    assert!(recent.get("J0").is_none());
    assert!(recent.get(&format!("J{}", CAPACITY + 9)).is_some());
    recent.remember(Job {
        id: "J5000".into(),
        reason: "updated".into(),
        ..Default::default()
    });
    assert_eq!(
        recent.get("J5000").map(|job| job.reason.as_str()),
        Some("updated")
    );
}
