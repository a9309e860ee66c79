//! overlap = skip, replace and allow while the previous firing's job still runs.

use std::sync::Arc;
use std::time::Duration;

use proto::v1::{FiringOutcome, JobState};

use super::*;

fn with_overlap(overlap: &str) -> String {
    format!(
        r#"
        [[schedules]]
        name = "slow"
        cron = "*/5 * * * * *"
        overlap = "{overlap}"
        job = {{ type = "chat", model = "m", prompt = "take your time" }}
        "#
    )
}

/// Two slots while the first slot's job is still running.
async fn two_slots(overlap: &str) -> (Arc<ScheduleStore>, Arc<FakeLauncher>, tempfile::TempDir) {
    let (dir, store) = store();
    let clock = Arc::new(TokioWallClock::starting_at(utc("2026-12-02T10:00:02Z")));
    let launcher = Arc::new(FakeLauncher::default());
    let running = Running::start(schedules(&with_overlap(overlap)), &store, &clock, &launcher);
    run_for(Duration::from_millis(3_500), Duration::from_millis(100)).await;
    settle().await;
    launcher.set_every_state(JobState::Running);
    run_for(Duration::from_secs(5), Duration::from_millis(100)).await;
    settle().await;
    running.stop().await;
    (store, launcher, dir)
}

#[tokio::test(start_paused = true)]
async fn skip_records_the_second_firing_skipped_naming_the_running_job() {
    let (store, launcher, _dir) = two_slots("skip").await;
    assert_eq!(launcher.jobs_made(), 1);
    let newest = &store.recent("slow", 1).unwrap()[0];
    assert_eq!(newest.outcome, i32::from(FiringOutcome::Skipped));
    assert!(newest.reason.contains("job-0"), "{}", newest.reason);
}

#[tokio::test(start_paused = true)]
async fn replace_cancels_the_running_job_and_submits_the_new_one() {
    let (_store, launcher, _dir) = two_slots("replace").await;
    assert_eq!(launcher.cancelled.lock().unwrap().clone(), ["job-0"]);
    assert_eq!(launcher.jobs_made(), 2);
}

#[tokio::test(start_paused = true)]
async fn allow_runs_both() {
    let (_store, launcher, _dir) = two_slots("allow").await;
    assert!(launcher.cancelled.lock().unwrap().is_empty());
    assert_eq!(launcher.jobs_made(), 2);
}
