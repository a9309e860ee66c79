//! Firing one slot: the overlap policy first (a skipped firing is recorded as such), then the
//! firing is recorded `pending` — with the slots missed before it and the moved cursor, in one
//! transaction — and only then launched: a `chat`/`generate` job submitted with the firing's
//! idempotency key, or an agent run. A crash between the two is finished at the next start
//! with the same key, so a slot makes one job, never zero or two.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use proto::v1::{AgentRun, Firing, FiringOutcome};

use crate::config::{ScheduleConfig, TemplateKind};
use crate::launch::Submitted;
use crate::spec::{job_spec, run_id};
use crate::store::{StoreError, blocking};
use crate::time::to_ms;

use super::Scheduler;

impl Scheduler {
    /// Fires `slot` of `schedule`; `missed` (older slots) and `cursor` are recorded with it.
    /// A manual firing ignores the overlap policy: the operator asked for it.
    pub(crate) async fn fire_slot(
        self: &Arc<Self>,
        schedule: &ScheduleConfig,
        slot: DateTime<Utc>,
        manual: bool,
        mut missed: Vec<Firing>,
        missed_before: u32,
        cursor: Option<i64>,
    ) -> Result<Firing, StoreError> {
        // The store keys a firing by its slot in ms: its job key and run id must say the same
        // instant, or a resumed firing would not find the steps it made.
        let slot = crate::time::from_ms(to_ms(slot));
        let mut firing = Firing {
            schedule: schedule.name.clone(),
            scheduled_at_ms: to_ms(slot),
            fired_at_ms: Some(to_ms(self.clock.now())),
            outcome: FiringOutcome::Pending.into(),
            manual,
            missed_before,
            ..Firing::default()
        };
        let blocked = if manual {
            None
        } else {
            self.overlap_blocks(schedule).await
        };
        if let Some(reason) = blocked {
            firing.outcome = FiringOutcome::Skipped.into();
            firing.reason = reason;
        } else if let TemplateKind::Agent(agent) = schedule.job.kind {
            firing.run = Some(AgentRun {
                id: run_id(&schedule.name, slot),
                agent: agent.word().to_owned(),
                model: schedule.job.model.clone(),
                state: "running".to_owned(),
                started_at_ms: to_ms(self.clock.now()),
                ..AgentRun::default()
            });
        }
        missed.push(firing.clone());
        let name = schedule.name.clone();
        blocking(&self.store, move |store| {
            store.record(&name, &missed, cursor)
        })
        .await?;
        if firing.outcome == i32::from(FiringOutcome::Skipped) {
            tracing::info!(schedule = %schedule.name, slot = %slot, reason = %firing.reason, "firing skipped");
            crate::metrics::fired(&schedule.name, "skipped", 0.0);
            return Ok(firing);
        }
        self.launch(schedule, firing).await
    }

    /// Submits a recorded firing's job (or starts its agent run) and records what happened.
    pub(crate) async fn launch(
        self: &Arc<Self>,
        schedule: &ScheduleConfig,
        mut firing: Firing,
    ) -> Result<Firing, StoreError> {
        let slot = crate::time::from_ms(firing.scheduled_at_ms);
        let lateness = (self.clock.now() - slot).as_seconds_f64().max(0.0);
        let Some(spec) = job_spec(&schedule.name, slot, &schedule.job) else {
            firing.outcome = FiringOutcome::Started.into();
            firing.state = "running".to_owned();
            self.save(&firing).await?;
            crate::metrics::fired(&schedule.name, "started", lateness);
            self.start_agent_run(schedule, firing.clone());
            return Ok(firing);
        };
        match self.launcher.submit(spec).await {
            Submitted::Accepted { job_id, state } => {
                firing.outcome = FiringOutcome::Started.into();
                firing.state = client::words::job_state(state.into()).to_owned();
                firing.job_id = job_id;
            }
            Submitted::Rejected { job_id, reason } => {
                firing.outcome = FiringOutcome::Rejected.into();
                firing.state = "rejected".to_owned();
                firing.job_id = job_id;
                firing.reason = reason;
            }
            Submitted::Refused(reason) => {
                firing.outcome = FiringOutcome::Failed.into();
                firing.reason = reason;
            }
            Submitted::Unreachable(reason) => {
                tracing::warn!(schedule = %schedule.name, %reason, "coordinator unreachable; the firing stays pending and is tried again");
                firing.reason = format!("not submitted yet: {reason}");
                self.save(&firing).await?;
                return Ok(firing);
            }
        }
        let outcome = client::schedules::firing_outcome(firing.outcome);
        tracing::info!(schedule = %schedule.name, slot = %slot, outcome, job_id = %firing.job_id, reason = %firing.reason, "fired");
        crate::metrics::fired(&schedule.name, outcome, lateness);
        if matches!(outcome, "rejected" | "failed") && !self.refused_before(&firing).await {
            self.notices.rejected(&firing);
        }
        self.save(&firing).await?;
        Ok(firing)
    }

    /// Whether the firing before this one was refused too: one alert per run of refusals (a
    /// schedule every minute while davas is down is one message, not sixty an hour).
    async fn refused_before(&self, firing: &Firing) -> bool {
        let (name, slot) = (firing.schedule.clone(), firing.scheduled_at_ms);
        let recent = blocking(&self.store, move |store| store.recent(&name, 2)).await;
        let previous = recent
            .unwrap_or_default()
            .into_iter()
            .find(|earlier| earlier.scheduled_at_ms < slot);
        previous.is_some_and(|earlier| {
            matches!(
                FiringOutcome::try_from(earlier.outcome),
                Ok(FiringOutcome::Rejected | FiringOutcome::Failed)
            )
        })
    }

    pub(crate) async fn save(&self, firing: &Firing) -> Result<(), StoreError> {
        let firing = firing.clone();
        blocking(&self.store, move |store| store.put(&firing)).await
    }
}
