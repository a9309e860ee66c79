//! The one task that owns every schedule. Each wake it re-reads the wall clock, acts on the
//! slots that passed since each schedule's cursor (`plan.rs`), and sleeps until the earliest
//! next slot — in slices of at most [`MAX_SLEEP`], so a clock step (NTP, a suspended host)
//! cannot strand a timer. Pausing, resuming and manual firings wake it.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use crate::clock::WallClock;
use crate::config::ScheduleConfig;
use crate::launch::Launcher;
use crate::notices::FiringNotices;
use crate::store::ScheduleStore;

mod agent_runs;
mod fire;
mod overlap;
mod pass;
mod resume;

pub use agent_runs::RunningAgent;

/// How long the first pass waits for every node to reconnect after a start.
pub const START_GRACE: Duration = Duration::from_secs(10);

/// The longest the task sleeps before it looks at the wall clock again.
pub const MAX_SLEEP: Duration = Duration::from_secs(30);

/// Everything the scheduler task and the service share.
pub struct Scheduler {
    pub(crate) schedules: Vec<ScheduleConfig>,
    pub(crate) store: Arc<ScheduleStore>,
    pub(crate) clock: Arc<dyn WallClock>,
    pub(crate) launcher: Arc<dyn Launcher>,
    pub(crate) notices: Arc<dyn FiringNotices>,
    /// When the first pass began (ms): slots up to it passed while the coordinator was down
    /// (or coming back up).
    started_at_ms: AtomicI64,
    /// Agent runs going on, by schedule.
    pub(crate) running: Mutex<HashMap<String, Vec<RunningAgent>>>,
    pub(crate) wake: Notify,
    pub(crate) shutdown: CancellationToken,
}

/// What the scheduler is built from.
pub struct SchedulerParts {
    pub schedules: Vec<ScheduleConfig>,
    pub store: Arc<ScheduleStore>,
    pub clock: Arc<dyn WallClock>,
    pub launcher: Arc<dyn Launcher>,
    pub notices: Arc<dyn FiringNotices>,
    pub shutdown: CancellationToken,
}

impl Scheduler {
    pub fn new(parts: SchedulerParts) -> Arc<Self> {
        let started_at_ms = AtomicI64::new(crate::time::to_ms(parts.clock.now()));
        Arc::new(Self {
            schedules: parts.schedules,
            store: parts.store,
            clock: parts.clock,
            launcher: parts.launcher,
            notices: parts.notices,
            started_at_ms,
            running: Mutex::new(HashMap::new()),
            wake: Notify::new(),
            shutdown: parts.shutdown,
        })
    }

    pub fn schedule(&self, name: &str) -> Option<&ScheduleConfig> {
        self.schedules.iter().find(|schedule| schedule.name == name)
    }

    /// Runs until shutdown: first the firings a previous run left open, then the loop.
    pub async fn run(self: Arc<Self>) {
        tracing::info!(schedules = self.schedules.len(), "scheduler started");
        self.wait_for_nodes().await;
        self.started_at_ms
            .store(crate::time::to_ms(self.clock.now()), Ordering::Relaxed);
        self.resume_open_firings().await;
        loop {
            let next = self.pass().await;
            let now = self.clock.now();
            let wait = next
                .and_then(|next| (next - now).to_std().ok())
                .unwrap_or(Duration::ZERO);
            let wait = if next.is_none() {
                MAX_SLEEP
            } else {
                wait.min(MAX_SLEEP)
            };
            tokio::select! {
                () = tokio::time::sleep(wait) => {}
                () = self.wake.notified() => {}
                () = self.shutdown.cancelled() => break,
            }
        }
        tracing::info!("scheduler stopped");
    }

    /// Pauses or resumes `name` (kept across restarts); resuming starts from now.
    pub async fn set_paused(
        &self,
        name: &str,
        paused: bool,
    ) -> Result<(), crate::store::StoreError> {
        let (name, now) = (name.to_owned(), crate::time::to_ms(self.clock.now()));
        crate::store::blocking(&self.store, move |store| {
            store.set_paused(&name, paused, now)
        })
        .await?;
        self.wake.notify_one();
        Ok(())
    }

    pub(crate) fn started_at(&self) -> DateTime<Utc> {
        crate::time::from_ms(self.started_at_ms.load(Ordering::Relaxed))
    }

    /// Up to [`START_GRACE`] for the agents to reconnect after a restart.
    async fn wait_for_nodes(&self) {
        let deadline = tokio::time::Instant::now() + START_GRACE;
        while !self.launcher.nodes_settled().await {
            if tokio::time::Instant::now() >= deadline || self.shutdown.is_cancelled() {
                tracing::info!("not every node is back after {START_GRACE:?}; firing anyway");
                return;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    pub(crate) fn running_agents(
        &self,
    ) -> std::sync::MutexGuard<'_, HashMap<String, Vec<RunningAgent>>> {
        self.running
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests;
