//! Unit tests of the scheduler figures' settings: the full run's three accuracy runs, the quick
//! run's one, and the cost per schedule from the two idle coordinators.

use std::time::Duration;

use super::*;

#[test]
fn the_full_run_compares_unloaded_loaded_and_loaded_beside_quiet_schedules() {
    let settings = SchedulesSettings::full();
    let quiet: Vec<usize> = settings.accuracy_runs.iter().map(|run| run.quiet).collect();
    assert_eq!(quiet, [0, 0, 1_000]);
    assert_eq!(settings.accuracy_runs[0].cpu_load_threads, 0);
    assert!(settings.accuracy_runs[1].cpu_load_threads >= 1);
    for run in &settings.accuracy_runs {
        assert_eq!(run.ticking * run.window.as_secs() as usize, 300, "{run:?}");
    }
    assert_eq!(settings.quiet_schedules, 1_000);
}

#[test]
fn the_quick_run_keeps_only_the_run_with_everything() {
    let settings = SchedulesSettings::quick();
    assert_eq!(settings.accuracy_runs.len(), 1);
    let run = &settings.accuracy_runs[0];
    assert!(run.cpu_load_threads >= 1 && run.quiet > 0, "{run:?}");
    assert!(settings.idle_window <= Duration::from_secs(2));
}
