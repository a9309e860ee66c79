//! One wake of the scheduler: for each schedule, the slots that passed since its cursor are
//! fired or recorded missed (`plan.rs` decides), in one transaction with the cursor; a paused
//! schedule's cursor just moves on.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use futures::StreamExt;
use proto::v1::{Firing, FiringOutcome};

use crate::config::{CatchUp, ScheduleConfig};
use crate::plan::{Lateness, Passed, passed_slots};
use crate::store::{StoreError, blocking};
use crate::time::{from_ms, to_ms};

use super::Scheduler;

/// How many schedules one pass looks at concurrently.
const SCHEDULES_AT_ONCE: usize = 8;

impl Scheduler {
    /// Acts on every schedule, [`SCHEDULES_AT_ONCE`] at a time (schedules due in the same
    /// second do not wait for each other's store writes and submits); the earliest next slot
    /// of a schedule that is not paused.
    pub(super) async fn pass(self: &Arc<Self>) -> Option<DateTime<Utc>> {
        self.retry_pending().await;
        let outcomes = futures::stream::iter(0..self.schedules.len())
            .map(|index| {
                let this = self.clone();
                async move { (index, this.pass_one(&this.schedules[index]).await) }
            })
            .buffer_unordered(SCHEDULES_AT_ONCE)
            .collect::<Vec<_>>()
            .await;
        let mut earliest: Option<DateTime<Utc>> = None;
        for (index, outcome) in outcomes {
            let schedule = &self.schedules[index];
            match outcome {
                Ok(Some(next)) => earliest = Some(earliest.map_or(next, |other| other.min(next))),
                Ok(None) => {}
                Err(error) => tracing::error!(
                    schedule = %schedule.name,
                    %error,
                    "could not act on the schedule's passed slots; trying again at the next wake"
                ),
            }
        }
        earliest
    }

    async fn pass_one(
        self: &Arc<Self>,
        schedule: &ScheduleConfig,
    ) -> Result<Option<DateTime<Utc>>, StoreError> {
        let name = schedule.name.clone();
        let (cursor, paused) = blocking(&self.store, move |store| {
            Ok((store.cursor(&name)?, store.paused(&name)?))
        })
        .await?;
        let now = self.clock.now();
        let Some(cursor) = cursor.map(from_ms) else {
            // First seen: it starts now; nothing before it is owed.
            self.move_cursor(schedule, now).await?;
            return Ok(schedule.cron.next_after(now));
        };
        if paused {
            // Slots passed while paused are not caught up.
            if schedule
                .cron
                .next_after(cursor)
                .is_some_and(|next| next <= now)
            {
                self.move_cursor(schedule, now).await?;
            }
            return Ok(None);
        }
        let lateness = Lateness {
            catch_up: schedule.catch_up,
            starting_deadline: schedule.starting_deadline,
            started_at: self.started_at(),
        };
        let Some(passed) = passed_slots(&schedule.cron, cursor, now, lateness) else {
            return Ok(schedule.cron.next_after(cursor));
        };
        let next = schedule.cron.next_after(passed.cursor);
        self.act(schedule, passed).await?;
        Ok(next)
    }

    async fn act(
        self: &Arc<Self>,
        schedule: &ScheduleConfig,
        passed: Passed,
    ) -> Result<(), StoreError> {
        let missed: Vec<Firing> = passed
            .missed
            .iter()
            .map(|slot| Firing {
                schedule: schedule.name.clone(),
                scheduled_at_ms: to_ms(*slot),
                outcome: FiringOutcome::Missed.into(),
                reason: self.missed_reason(schedule, *slot, passed.fire.is_some()),
                ..Firing::default()
            })
            .collect();
        if let Some(newest) = passed.missed.last().filter(|_| passed.missed_total > 0) {
            let reason = self.missed_reason(schedule, *newest, passed.fire.is_some());
            self.notices
                .missed(&schedule.name, passed.missed_total, to_ms(*newest), &reason);
            crate::metrics::missed(&schedule.name, passed.missed_total);
        }
        let cursor = Some(to_ms(passed.cursor));
        match passed.fire {
            Some(slot) => {
                let earlier = u32::try_from(passed.missed_total).unwrap_or(u32::MAX);
                self.fire_slot(schedule, slot, false, missed, earlier, cursor)
                    .await?;
            }
            None => {
                let name = schedule.name.clone();
                blocking(&self.store, move |store| {
                    store.record(&name, &missed, cursor)
                })
                .await?;
            }
        }
        Ok(())
    }

    fn missed_reason(
        &self,
        schedule: &ScheduleConfig,
        slot: DateTime<Utc>,
        caught_up: bool,
    ) -> String {
        if slot > self.started_at() {
            let deadline = humantime(schedule.starting_deadline);
            return format!("the scheduler woke too late for it (starting_deadline {deadline})");
        }
        match (schedule.catch_up, caught_up) {
            (CatchUp::None, _) => {
                "passed while the coordinator was down (catch_up = \"none\")".into()
            }
            (CatchUp::Once, true) => {
                "passed while the coordinator was down; one late run was made for the newest slot"
                    .into()
            }
            (CatchUp::Once, false) => format!(
                "passed while the coordinator was down, longer ago than starting_deadline ({})",
                humantime(schedule.starting_deadline)
            ),
        }
    }

    async fn move_cursor(
        &self,
        schedule: &ScheduleConfig,
        to: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let name = schedule.name.clone();
        blocking(&self.store, move |store| {
            store.record(&name, &[], Some(to_ms(to)))
        })
        .await
    }
}

fn humantime(duration: std::time::Duration) -> String {
    let seconds = duration.as_secs();
    match seconds {
        s if s % 3600 == 0 => format!("{}h", s / 3600),
        s if s % 60 == 0 => format!("{}m", s / 60),
        s => format!("{s}s"),
    }
}
