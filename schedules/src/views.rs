//! A schedule as the API shows it: its config, paused or not, the next slot, and its newest
//! firings — with the job's state read live when the stored one was not final yet.

use proto::v1::{Firing, Schedule, ScheduledJob};

use crate::config::ScheduleConfig;
use crate::scheduler::Scheduler;
use crate::store::{StoreError, blocking};
use crate::time::{from_ms, to_ms};

/// `recent`: how many firings to include besides the last (0 for the list).
pub async fn schedule_view(
    scheduler: &Scheduler,
    config: &ScheduleConfig,
    recent: usize,
) -> Result<Schedule, StoreError> {
    let name = config.name.clone();
    let wanted = recent.max(1);
    let (paused, cursor, mut firings) = blocking(&scheduler.store, move |store| {
        Ok((
            store.paused(&name)?,
            store.cursor(&name)?,
            store.recent(&name, wanted)?,
        ))
    })
    .await?;
    for firing in firings.iter_mut().take(1) {
        refresh_state(scheduler, firing).await;
    }
    let now = scheduler.clock.now();
    let after = cursor.map(from_ms).unwrap_or(now).max(now);
    let next_at_ms = (!paused)
        .then(|| config.cron.next_after(after))
        .flatten()
        .map(to_ms);
    Ok(Schedule {
        name: config.name.clone(),
        cron: config.cron.text().to_owned(),
        cron_description: config.cron.describe(),
        time_zone: config.cron.zone().name().to_owned(),
        overlap: config.overlap.word().to_owned(),
        catch_up: config.catch_up.word().to_owned(),
        starting_deadline_ms: u64::try_from(config.starting_deadline.as_millis())
            .unwrap_or(u64::MAX),
        job: Some(ScheduledJob {
            r#type: config.job.kind.word().to_owned(),
            model: config.job.model.clone(),
            prompt: config.job.prompt.clone(),
            system: config.job.system.clone(),
            temperature: config.job.temperature,
        }),
        paused,
        next_at_ms,
        last_firing: firings.first().cloned(),
        recent_firings: if recent == 0 { Vec::new() } else { firings },
    })
}

/// A job firing's state as stored is the one seen at submit ("queued"): ask again until final.
async fn refresh_state(scheduler: &Scheduler, firing: &mut Firing) {
    let final_state = matches!(
        firing.state.as_str(),
        "succeeded" | "failed" | "cancelled" | "rejected" | ""
    );
    if final_state || firing.run.is_some() || firing.job_id.is_empty() {
        return;
    }
    if let Some(state) = scheduler.launcher.job_state(&firing.job_id).await {
        firing.state = client::words::job_state(state.into()).to_owned();
    }
}
