//! A scheduler stopped across several slots and started again: one catch-up or none, and a pending firing finished with its key.

use std::sync::Arc;
use std::time::Duration;

use chrono::TimeDelta;
use proto::v1::{Firing, FiringOutcome};

use super::*;

fn tick(catch_up: &str) -> String {
    format!(
        r#"
        [[schedules]]
        name = "tick"
        cron = "*/5 * * * * *"
        catch_up = "{catch_up}"
        job = {{ type = "chat", model = "m", prompt = "tick" }}
        "#
    )
}

/// Runs 7 s, "crashes" (the task stops), stays down 21 s of wall time, restarts for 1 s.
async fn down_and_up(catch_up: &str) -> (Arc<ScheduleStore>, Arc<FakeLauncher>, tempfile::TempDir) {
    let (dir, store) = store();
    let clock = Arc::new(TokioWallClock::starting_at(utc("2026-12-02T10:00:02Z")));
    let launcher = Arc::new(FakeLauncher::default());
    let first = Running::start(schedules(&tick(catch_up)), &store, &clock, &launcher);
    run_for(Duration::from_secs(7), Duration::from_millis(100)).await;
    settle().await;
    first.stop().await;
    clock.step(TimeDelta::seconds(21));
    let second = Running::start(schedules(&tick(catch_up)), &store, &clock, &launcher);
    settle().await;
    second.stop().await;
    (store, launcher, dir)
}

#[tokio::test(start_paused = true)]
async fn catch_up_once_makes_one_late_run_and_records_the_rest_missed() {
    let (store, launcher, _dir) = down_and_up("once").await;
    // 10:00:05 fired on time; down from ~10:00:09 to ~10:00:30: 10, 15, 20, 25, 30 passed.
    assert_eq!(
        launcher.keys(),
        [
            "schedule:tick:2026-12-02T10:00:05Z",
            "schedule:tick:2026-12-02T10:00:30Z"
        ]
    );
    let recent = store.recent("tick", 10).unwrap();
    let outcomes: Vec<i32> = recent.iter().map(|f| f.outcome).collect();
    let missed = i32::from(FiringOutcome::Missed);
    assert_eq!(outcomes[0], i32::from(FiringOutcome::Started));
    assert_eq!(outcomes[1..5], [missed; 4]);
    assert_eq!(recent[0].missed_before, 4);
    assert!(
        recent[1].reason.contains("one late run"),
        "{}",
        recent[1].reason
    );
}

#[tokio::test(start_paused = true)]
async fn catch_up_none_runs_nothing_for_the_downtime() {
    let (store, launcher, _dir) = down_and_up("none").await;
    assert_eq!(launcher.keys(), ["schedule:tick:2026-12-02T10:00:05Z"]);
    let recent = store.recent("tick", 10).unwrap();
    assert_eq!(recent.len(), 6);
    assert!(
        recent[..5]
            .iter()
            .all(|f| f.outcome == i32::from(FiringOutcome::Missed))
    );
    assert!(
        recent[0].reason.contains("catch_up = \"none\""),
        "{}",
        recent[0].reason
    );
}

#[tokio::test(start_paused = true)]
async fn a_firing_recorded_but_not_submitted_is_submitted_at_start_with_its_key() {
    let (_dir, store) = store();
    let pending = Firing {
        schedule: "tick".into(),
        scheduled_at_ms: utc("2026-12-02T10:00:00Z").timestamp_millis(),
        outcome: FiringOutcome::Pending.into(),
        ..Firing::default()
    };
    store
        .record("tick", &[pending], Some(pending_cursor()))
        .unwrap();
    let clock = Arc::new(TokioWallClock::starting_at(utc("2026-12-02T10:00:01Z")));
    let launcher = Arc::new(FakeLauncher::default());
    let running = Running::start(schedules(&tick("once")), &store, &clock, &launcher);
    settle().await;
    running.stop().await;
    assert_eq!(launcher.keys(), ["schedule:tick:2026-12-02T10:00:00Z"]);
    assert!(store.open_firings().unwrap().is_empty());
}

fn pending_cursor() -> i64 {
    utc("2026-12-02T10:00:00Z").timestamp_millis()
}
