//! The test clock follows paused tokio time and steps like an NTP correction.

use chrono::{DateTime, TimeDelta, Utc};

use super::*;

#[tokio::test(start_paused = true)]
async fn the_tokio_clock_moves_with_paused_time_and_can_be_stepped() {
    let start = DateTime::parse_from_rfc3339("2026-03-29T00:59:00Z")
        .unwrap()
        .with_timezone(&Utc);
    let clock = TokioWallClock::starting_at(start);
    assert_eq!(clock.now(), start);
    tokio::time::advance(std::time::Duration::from_secs(90)).await;
    assert_eq!(clock.now(), start + TimeDelta::seconds(90));
    clock.step(TimeDelta::hours(1));
    assert_eq!(clock.now(), start + TimeDelta::seconds(3690));
    assert!(SystemWallClock.now() > start);
}
