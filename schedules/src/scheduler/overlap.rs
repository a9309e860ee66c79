//! The overlap policy, looked at before a slot fires: what of this schedule is still running
//! (its agent runs, and the job of its newest started firing), and what to do about it —
//! `skip` names it as the reason, `replace` cancels it, `allow` does not look.

use std::sync::Arc;

use proto::v1::{FiringOutcome, JobState};

use crate::config::{Overlap, ScheduleConfig};
use crate::store::blocking;
use crate::time::from_ms;

use super::Scheduler;

/// How many recent firings are looked at for a job still running.
const LOOK_BACK: usize = 5;

impl Scheduler {
    /// `Some(reason)` when the firing must be skipped; `replace` has cancelled what ran.
    pub(super) async fn overlap_blocks(
        self: &Arc<Self>,
        schedule: &ScheduleConfig,
    ) -> Option<String> {
        if schedule.overlap == Overlap::Allow {
            return None;
        }
        let mut running: Vec<String> = Vec::new();
        let agents: Vec<_> = self
            .running_agents()
            .get(&schedule.name)
            .cloned()
            .unwrap_or_default();
        for agent in &agents {
            running.push(format!("agent run {}", agent.run_id));
            if schedule.overlap == Overlap::Replace {
                agent.cancel.cancel();
            }
        }
        let name = schedule.name.clone();
        let recent = blocking(&self.store, move |store| store.recent(&name, LOOK_BACK))
            .await
            .unwrap_or_default();
        let jobs = recent.iter().filter(|firing| {
            firing.outcome == i32::from(FiringOutcome::Started)
                && firing.run.is_none()
                && !firing.job_id.is_empty()
        });
        for firing in jobs {
            let state = self.launcher.job_state(&firing.job_id).await;
            if !matches!(state, Some(JobState::Queued | JobState::Running)) {
                continue;
            }
            running.push(format!(
                "job {} of the {} firing",
                firing.job_id,
                from_ms(firing.scheduled_at_ms)
            ));
            if schedule.overlap == Overlap::Replace {
                self.launcher.cancel(&firing.job_id).await;
            }
        }
        match (schedule.overlap, running.is_empty()) {
            (Overlap::Skip, false) => Some(format!("still running: {}", running.join(", "))),
            (Overlap::Replace, false) => {
                tracing::info!(schedule = %schedule.name, replaced = %running.join(", "), "overlap = replace: cancelled what was running");
                None
            }
            _ => None,
        }
    }
}
