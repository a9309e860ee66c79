//! The scheduler's section of the report: slot → firing and slot → job start per accuracy run
//! against the bench's own timed submits, and the idle coordinator with and without its quiet
//! schedules, with what each figure includes.

use std::time::Duration;

use super::{AccuracyFigures, IdleCoordinatorFigures, SchedulesFigures, SlotSamples};
use crate::percentiles::LatencySummary;
use crate::table::MarkdownTable;

fn mebibytes(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// p50 / p99 / max in whole ms (the clocks compared are in ms), or a dash for no samples.
fn summary_cell(samples: &[Duration]) -> String {
    LatencySummary::from_samples(samples).map_or_else(
        || "—".to_owned(),
        |summary| {
            format!(
                "{} / {} / {}",
                summary.p50.as_millis(),
                summary.p99.as_millis(),
                summary.max.as_millis()
            )
        },
    )
}

/// Outcomes other than `STARTED`, e.g. `SKIPPED 3`; a dash when there were none.
fn other_outcomes(samples: &SlotSamples) -> String {
    let others: Vec<String> = samples
        .outcomes
        .iter()
        .filter(|(outcome, _)| outcome.as_str() != "STARTED")
        .map(|(outcome, count)| format!("{} {count}", outcome.to_lowercase()))
        .collect();
    if others.is_empty() {
        "—".to_owned()
    } else {
        others.join(", ")
    }
}

fn accuracy_row(run: &AccuracyFigures, who: &str, samples: &SlotSamples) -> Vec<String> {
    let started = samples.outcomes.get("STARTED").copied().unwrap_or(0);
    vec![
        run.run.label.clone(),
        who.to_owned(),
        run.slots.to_string(),
        started.to_string(),
        other_outcomes(samples),
        summary_cell(&samples.to_fired),
        summary_cell(&samples.to_job_start),
        samples.jobs_not_started.to_string(),
        run.load_average
            .map_or_else(|| "?".to_owned(), |load| format!("{load:.2}")),
    ]
}

pub fn accuracy_table(runs: &[AccuracyFigures]) -> MarkdownTable {
    let mut table = MarkdownTable::new(&[
        "run",
        "timed by",
        "slots owed",
        "started",
        "other outcomes",
        "slot → fired/submit p50 / p99 / max (ms)",
        "slot → job started p50 / p99 / max (ms)",
        "jobs not started",
        "load (1 min)",
    ]);
    for run in runs {
        table.push_row(accuracy_row(run, "scheduler", &run.scheduler));
        table.push_row(accuracy_row(run, "bench timer", &run.baseline));
    }
    table
}

/// `tick-0 2 / 9, tick-1 …`: each schedule's slot → fired p50 / p99 in ms, per run.
pub fn by_schedule_lines(runs: &[AccuracyFigures]) -> String {
    let mut text = String::new();
    for run in runs {
        let cells: Vec<String> = run
            .scheduler
            .to_fired_by_schedule
            .iter()
            .filter_map(|(name, samples)| {
                let summary = LatencySummary::from_samples(samples)?;
                let (p50, p99) = (summary.p50.as_millis(), summary.p99.as_millis());
                Some(format!("{name} {p50} / {p99}"))
            })
            .collect();
        text.push_str(&format!("- {}: {}\n", run.run.label, cells.join(", ")));
    }
    text
}

fn idle_row(idle: &IdleCoordinatorFigures) -> Vec<String> {
    vec![
        idle.quiet.to_string(),
        mebibytes(idle.resident_bytes),
        mebibytes(idle.resident_after_window_bytes),
        mebibytes(idle.peak_resident_bytes),
        format!("{:.0}", idle.cpu_ms_per_minute),
        idle.firings.to_string(),
    ]
}

pub fn idle_table(figures: &SchedulesFigures) -> MarkdownTable {
    let mut table = MarkdownTable::new(&[
        "quiet schedules",
        "coordinator RSS",
        "after the window",
        "peak (VmHWM)",
        "CPU ms per minute",
        "schedules that fired",
    ]);
    table.push_row(idle_row(&figures.idle_without));
    table.push_row(idle_row(&figures.idle_with));
    table
}

/// The report's section; empty when the part did not run.
pub fn render_section(figures: Option<&SchedulesFigures>) -> String {
    let Some(figures) = figures else {
        return String::new();
    };
    let first = figures
        .accuracy
        .first()
        .map(|run| run.run.description())
        .unwrap_or_default();
    let cpu_difference =
        figures.idle_with.cpu_ms_per_minute - figures.idle_without.cpu_ms_per_minute;
    let quiet = figures.idle_with.quiet.max(1) as f64;
    format!(
        "\nschedules: a real runner serve with one agent over the stand-in Ollama; {}\n\
         \nfiring accuracy: slot → fired is the firing's fired_at_ms − scheduled_at_ms (the scheduler \
         woke and began the firing; for the bench timer: the submit call began), slot → job started \
         is the job's started_at_ms (GetJob) − the slot; the bench timer is one tokio task per \
         schedule sleeping until each whole wall-clock second and submitting the same chat over a \
         gRPC connection opened beforehand, in the same run; CPU load ×N: N threads spinning \
         on arithmetic for the run's length; quiet schedules: daily ones hours away in 8 zones, \
         configured beside the ticking ones\n\n{}\
         \nslot → fired p50 / p99 (ms) by schedule, in config order:\n\n{}\
         \nidle coordinator: quiet daily schedules in 8 zones, none firing; RSS read {:.0} s after \
         the start, CPU time over {:.0} s; per schedule: {:.0} bytes of RSS and {:.3} ms of CPU \
         per minute\n\n{}",
        first,
        accuracy_table(&figures.accuracy).render(),
        by_schedule_lines(&figures.accuracy),
        figures.settings.idle_settle.as_secs_f64(),
        figures.idle_with.window.as_secs_f64(),
        figures.resident_bytes_per_schedule(),
        cpu_difference / quiet,
        idle_table(figures).render(),
    )
}

#[cfg(test)]
mod tests;
