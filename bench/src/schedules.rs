//! The scheduler's figures (issue 17), through real `runner serve` processes with
//! `[[schedules]]` and one agent over the stand-in Ollama: how close to its slot a firing is
//! recorded and its job starts — schedules firing every second, with and without a bounded CPU
//! load, beside the bench's own timer-driven submits as the baseline — and what the idle
//! coordinator's memory and CPU cost per schedule with a thousand quiet daily schedules.

mod accuracy_samples;
mod cpu_load;
mod firing_accuracy;
mod idle_footprint;
mod schedule_toml;
mod schedules_table;
mod timed_submits;

use std::time::Duration;

use anyhow::Context;

pub use accuracy_samples::{SlotSamples, SlotWindow, after_slot};
pub use cpu_load::CpuLoad;
pub use firing_accuracy::{AccuracyFigures, AccuracyRun, measure_accuracy};
pub use idle_footprint::{IdleCoordinatorFigures, measure_idle_coordinator, per_minute};
pub use schedule_toml::{ZONES, every_second_schedules, quiet_daily_schedules};
pub use schedules_table::render_section;
pub use timed_submits::next_whole_second_ms;

#[derive(Debug, Clone)]
pub struct SchedulesSettings {
    /// Accuracy runs, in order (e.g. unloaded, then under CPU load).
    pub accuracy_runs: Vec<AccuracyRun>,
    /// Quiet daily schedules of the memory comparison (against none).
    pub quiet_schedules: usize,
    /// After the start, before the idle coordinator's memory is read.
    pub idle_settle: Duration,
    /// Over which the idle coordinator's CPU time is counted.
    pub idle_window: Duration,
}

impl SchedulesSettings {
    /// 4 schedules × 75 s (300 firings) unloaded, then with a busy thread per core, then the
    /// same beside 1,000 quiet schedules; the idle coordinator with 0 and 1,000 over a minute.
    pub fn full() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        Self::sized(
            4,
            Duration::from_secs(75),
            cores,
            1_000,
            Duration::from_secs(60),
        )
    }

    /// Tiny sizes that only check the measurement works (CI): only the last accuracy run (it
    /// has everything the others have), a few seconds per part.
    pub fn quick() -> Self {
        let mut settings = Self::sized(2, Duration::from_secs(2), 1, 50, Duration::from_secs(1));
        settings
            .accuracy_runs
            .drain(..settings.accuracy_runs.len() - 1);
        settings.idle_settle = Duration::from_secs(1);
        settings
    }

    fn sized(
        ticking: usize,
        window: Duration,
        load_threads: usize,
        quiet: usize,
        idle_window: Duration,
    ) -> Self {
        let run = |label: &str, cpu_load_threads: usize, quiet: usize| AccuracyRun {
            label: label.to_owned(),
            ticking,
            quiet,
            cpu_load_threads,
            window,
            answer_tokens: 2,
        };
        Self {
            accuracy_runs: vec![
                run("unloaded", 0, 0),
                run(&format!("CPU load ×{load_threads}"), load_threads, 0),
                run(
                    &format!("CPU load ×{load_threads} + {quiet} quiet schedules"),
                    load_threads,
                    quiet,
                ),
            ],
            quiet_schedules: quiet,
            idle_settle: Duration::from_secs(10),
            idle_window,
        }
    }
}

#[derive(Debug, Clone)]
pub struct SchedulesFigures {
    pub settings: SchedulesSettings,
    pub accuracy: Vec<AccuracyFigures>,
    /// The idle coordinator with no schedules, and with `quiet_schedules`.
    pub idle_without: IdleCoordinatorFigures,
    pub idle_with: IdleCoordinatorFigures,
}

impl SchedulesFigures {
    /// Resident bytes per quiet schedule: the difference of the two idle coordinators.
    pub fn resident_bytes_per_schedule(&self) -> f64 {
        let difference =
            self.idle_with.resident_bytes as f64 - self.idle_without.resident_bytes as f64;
        difference / self.idle_with.quiet.max(1) as f64
    }
}

/// Every accuracy run, then the two idle coordinators; each cluster torn down after its part.
pub async fn measure_schedules(settings: &SchedulesSettings) -> anyhow::Result<SchedulesFigures> {
    let mut accuracy = Vec::new();
    for run in &settings.accuracy_runs {
        let figures = measure_accuracy(run)
            .await
            .with_context(|| format!("firing accuracy, {}", run.label))?;
        accuracy.push(figures);
    }
    let (settle, window) = (settings.idle_settle, settings.idle_window);
    let idle_without = measure_idle_coordinator(0, settle, window)
        .await
        .context("the idle coordinator without schedules")?;
    let idle_with = measure_idle_coordinator(settings.quiet_schedules, settle, window)
        .await
        .with_context(|| format!("the idle coordinator with {}", settings.quiet_schedules))?;
    Ok(SchedulesFigures {
        settings: settings.clone(),
        accuracy,
        idle_without,
        idle_with,
    })
}

#[cfg(test)]
mod tests;
