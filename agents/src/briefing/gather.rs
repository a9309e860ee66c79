//! The `gather` step's facts (no model): the day's jobs from `ListJobs`, its tokens and cost
//! from `UsageService.GetUsage`, the nodes now from `ListNodes`, the day's alerts when an
//! alerts source is given, and the vault's notes created or changed that day.

#[cfg(test)]
mod tests;

mod jobs;
mod new_notes;
mod nodes;
mod usage;

use crate::context::RunContext;

use super::day::BriefingDay;
use super::facts::Facts;

/// Everything the briefing states about `day`; the problem in words when the cluster could not
/// be read (the usage ledger or the vault failing leaves a "not available" line instead).
pub(super) async fn gather_facts(context: &RunContext, day: &BriefingDay) -> Result<Facts, String> {
    let coordinator = &context.deps.coordinator;
    let jobs = jobs::jobs_of_day(coordinator, day).await?;
    let counted = jobs::count_jobs(&jobs);
    let usage = usage::usage_of_day(coordinator, day).await;
    let nodes = nodes::nodes_now(coordinator).await?;
    let alerts = match context.deps.alerts.clone() {
        None => None,
        Some(source) => {
            let (since_ms, until_ms) = (day.since_ms, day.until_ms);
            let read =
                tokio::task::spawn_blocking(move || source.alerts_between(since_ms, until_ms));
            Some(
                read.await
                    .map_err(|error| format!("reading the alerts failed: {error}"))?,
            )
        }
    };
    let new_notes = match context.deps.vault.clone() {
        None => Ok(None),
        Some(vault) => {
            let day = day.clone();
            let walked = tokio::task::spawn_blocking(move || new_notes::notes_of_day(&vault, &day));
            match walked.await {
                Ok(Ok(notes)) => Ok(Some(notes)),
                Ok(Err(error)) => Err(format!("could not read the vault: {error}")),
                Err(error) => Err(format!("reading the vault failed: {error}")),
            }
        }
    };
    Ok(Facts {
        day: day.text(),
        time_zone: day.zone.name().to_owned(),
        jobs_by_state: counted.by_state,
        jobs_by_model: counted.by_model,
        failures: counted.failures,
        usage,
        nodes,
        alerts,
        new_notes,
    })
}
