//! Firing on time, across DST, rejected, paused and resumed, and an agent run kept on its firing.

use std::sync::Arc;
use std::time::Duration;

use proto::v1::FiringOutcome;

use crate::clock::WallClock;

use super::*;

const EVERY_FIVE_SECONDS: &str = r#"
[[schedules]]
name = "tick"
cron = "*/5 * * * * *"
job = { type = "chat", model = "qwen2.5:14b", prompt = "tick" }
"#;

#[tokio::test(start_paused = true)]
async fn a_seconds_cron_fires_every_five_seconds_with_one_key_per_slot() {
    let (_dir, store) = store();
    let clock = Arc::new(TokioWallClock::starting_at(utc("2026-12-02T10:00:02Z")));
    let launcher = Arc::new(FakeLauncher::default());
    let running = Running::start(schedules(EVERY_FIVE_SECONDS), &store, &clock, &launcher);
    run_for(Duration::from_millis(30_500), Duration::from_millis(100)).await;
    settle().await;
    running.stop().await;
    let keys = launcher.keys();
    let expected: Vec<String> = (1..=6)
        .map(|n| format!("schedule:tick:2026-12-02T10:00:{:02}Z", n * 5))
        .collect();
    assert_eq!(keys, expected);
    let recent = store.recent("tick", 10).unwrap();
    assert!(
        recent
            .iter()
            .all(|f| f.outcome == i32::from(FiringOutcome::Started))
    );
    assert_eq!(recent[0].job_id, "job-5");
}

#[tokio::test(start_paused = true)]
async fn half_past_one_in_london_fires_once_on_each_dst_day() {
    for (start, days) in [("2026-03-27T12:00:00Z", 3), ("2026-10-23T12:00:00Z", 3)] {
        let (_dir, store) = store();
        let clock = Arc::new(TokioWallClock::starting_at(utc(start)));
        let launcher = Arc::new(FakeLauncher::default());
        let config = r#"
            [[schedules]]
            name = "night"
            cron = "30 1 * * *"
            time_zone = "Europe/London"
            job = { type = "generate", model = "m", prompt = "p" }
        "#;
        let running = Running::start(schedules(config), &store, &clock, &launcher);
        run_for(
            Duration::from_secs(days * 24 * 3600),
            Duration::from_secs(20),
        )
        .await;
        settle().await;
        running.stop().await;
        assert_eq!(launcher.keys().len(), 3, "{start}: {:?}", launcher.keys());
    }
}

#[tokio::test(start_paused = true)]
async fn a_rejected_firing_is_recorded_with_the_reason_and_not_retried() {
    let (_dir, store) = store();
    let clock = Arc::new(TokioWallClock::starting_at(utc("2026-12-02T10:00:02Z")));
    let launcher = Arc::new(FakeLauncher::default());
    *launcher.reject_with.lock().unwrap() =
        Some("no node can run gemma4:27b: davas: no heartbeat for 41 s".into());
    let running = Running::start(schedules(EVERY_FIVE_SECONDS), &store, &clock, &launcher);
    run_for(Duration::from_millis(5_500), Duration::from_millis(100)).await;
    settle().await;
    running.stop().await;
    assert_eq!(launcher.keys().len(), 1);
    let firing = &store.recent("tick", 1).unwrap()[0];
    assert_eq!(firing.outcome, i32::from(FiringOutcome::Rejected));
    assert!(
        firing.reason.contains("davas: no heartbeat"),
        "{}",
        firing.reason
    );
    assert!(store.open_firings().unwrap().is_empty());
}

#[tokio::test(start_paused = true)]
async fn a_paused_schedule_fires_nothing_and_does_not_catch_up_when_resumed() {
    let (_dir, store) = store();
    let clock = Arc::new(TokioWallClock::starting_at(utc("2026-12-02T10:00:02Z")));
    let launcher = Arc::new(FakeLauncher::default());
    let running = Running::start(schedules(EVERY_FIVE_SECONDS), &store, &clock, &launcher);
    settle().await;
    running.scheduler.set_paused("tick", true).await.unwrap();
    run_for(Duration::from_secs(20), Duration::from_millis(100)).await;
    assert!(launcher.keys().is_empty(), "{:?}", launcher.keys());
    running.scheduler.set_paused("tick", false).await.unwrap();
    run_for(Duration::from_millis(3_500), Duration::from_millis(100)).await;
    settle().await;
    running.stop().await;
    assert_eq!(launcher.keys(), ["schedule:tick:2026-12-02T10:00:25Z"]);
}

#[tokio::test(start_paused = true)]
async fn an_agent_firing_keeps_its_run_and_steps_on_the_firing() {
    let (_dir, store) = store();
    let clock = Arc::new(TokioWallClock::starting_at(utc("2026-12-02T06:59:58Z")));
    let launcher = Arc::new(FakeLauncher::default());
    let config = r#"
        [[schedules]]
        name = "briefing"
        cron = "0 7 * * *"
        time_zone = "Europe/London"
        job = { type = "briefing", model = "qwen2.5:14b" }
    "#;
    let running = Running::start(schedules(config), &store, &clock, &launcher);
    run_for(Duration::from_secs(3), Duration::from_millis(100)).await;
    settle().await;
    running.stop().await;
    let inputs = launcher.agent_inputs.lock().unwrap().clone();
    assert_eq!(inputs.len(), 1);
    assert_eq!(
        inputs[0].input, "2026-12-01",
        "the day before the slot, in London"
    );
    assert_eq!(inputs[0].run_id, "briefing@2026-12-02T07:00:00Z");
    let firing = &store.recent("briefing", 1).unwrap()[0];
    let run = firing.run.as_ref().unwrap();
    assert_eq!(run.state, "succeeded");
    assert_eq!(run.steps[0].name, "answer");
    assert_eq!(firing.job_id, "step-of-briefing@2026-12-02T07:00:00Z");
    assert!(store.open_firings().unwrap().is_empty());
}

#[tokio::test(start_paused = true)]
async fn a_manual_firing_keys_its_job_by_the_millisecond_it_is_stored_under() {
    let (_dir, store) = store();
    let clock = Arc::new(TokioWallClock::starting_at(utc(
        "2026-12-02T10:00:02.123456789Z",
    )));
    let launcher = Arc::new(FakeLauncher::default());
    let running = Running::start(schedules(EVERY_FIVE_SECONDS), &store, &clock, &launcher);
    let config = running.scheduler.schedule("tick").unwrap().clone();
    let firing = running
        .scheduler
        .fire_slot(&config, clock.now(), true, Vec::new(), 0, None)
        .await
        .unwrap();
    running.stop().await;
    assert!(firing.manual);
    assert_eq!(firing.scheduled_at_ms % 1000, 123);
    let slot = crate::time::from_ms(firing.scheduled_at_ms);
    assert!(
        launcher
            .keys()
            .contains(&crate::spec::firing_key("tick", slot)),
        "{:?}",
        launcher.keys()
    );
    assert!(
        store
            .firing("tick", firing.scheduled_at_ms)
            .unwrap()
            .is_some()
    );
}
