//! The scheduler driven by paused tokio time and a wall clock that follows it, against a fake
//! launcher that records what it was asked.

mod catch_up;
mod firing;
mod overlap;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use tokio_util::sync::CancellationToken;

use crate::clock::TokioWallClock;
use crate::config::ScheduleConfig;
use crate::notices::NoNotices;
use crate::store::ScheduleStore;

use super::{Scheduler, SchedulerParts};
use crate::test_support::FakeLauncher;

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn schedules(toml_text: &str) -> Vec<ScheduleConfig> {
    let document: settings::toml::Table = toml_text.parse().unwrap();
    let tables: Vec<settings::toml::Table> = document["schedules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|table| table.as_table().unwrap().clone())
        .collect();
    let mut problems = settings::Problems::default();
    let parsed = crate::config::parse_schedules(&tables, &mut problems);
    assert!(problems.is_empty(), "{problems:?}");
    parsed
}

/// One scheduler process: its task runs until `stop`.
struct Running {
    scheduler: Arc<Scheduler>,
    shutdown: CancellationToken,
    task: tokio::task::JoinHandle<()>,
}

impl Running {
    fn start(
        configs: Vec<ScheduleConfig>,
        store: &Arc<ScheduleStore>,
        clock: &Arc<TokioWallClock>,
        launcher: &Arc<FakeLauncher>,
    ) -> Self {
        let shutdown = CancellationToken::new();
        let scheduler = Scheduler::new(SchedulerParts {
            schedules: configs,
            store: store.clone(),
            clock: clock.clone(),
            launcher: launcher.clone(),
            notices: Arc::new(NoNotices),
            shutdown: shutdown.clone(),
        });
        let task = tokio::spawn(scheduler.clone().run());
        Self {
            scheduler,
            shutdown,
            task,
        }
    }

    async fn stop(self) {
        self.shutdown.cancel();
        self.task.await.unwrap();
    }
}

fn store() -> (tempfile::TempDir, Arc<ScheduleStore>) {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(ScheduleStore::open(dir.path()).unwrap());
    (dir, store)
}

/// Moves paused time forward by `total` in steps of `step`. One long sleep would not do:
/// while the scheduler waits for a blocking store call, tokio jumps straight to the nearest
/// timer, which would be the end of that sleep.
async fn run_for(total: std::time::Duration, step: std::time::Duration) {
    let end = tokio::time::Instant::now() + total;
    while tokio::time::Instant::now() < end {
        tokio::time::sleep(step.min(end - tokio::time::Instant::now())).await;
        settle().await;
    }
}

/// Lets the scheduler's task and its blocking store calls run (paused time does not move
/// while a blocking task is in flight).
async fn settle() {
    for _ in 0..20 {
        tokio::time::sleep(std::time::Duration::from_millis(1)).await;
    }
}
