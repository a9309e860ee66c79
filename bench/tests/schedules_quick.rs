//! The scheduler's figures at their quick sizes against the debug `runner` and `runner-agent`
//! (`cargo build --workspace --bins` first, as CI does): every run's slots read back, both
//! timers measured, the idle coordinator read with and without its quiet schedules. No timing
//! thresholds beyond what the protocol itself guarantees: CI machines are too noisy for those.

use bench::schedules::{SchedulesSettings, measure_schedules, render_section};

#[tokio::test(flavor = "multi_thread")]
async fn the_schedules_quick_run_measures_firings_against_the_bench_timer_and_the_idle_cost() {
    let settings = SchedulesSettings::quick();
    let figures = measure_schedules(&settings).await.unwrap();
    assert_eq!(figures.accuracy.len(), settings.accuracy_runs.len());
    for run in &figures.accuracy {
        let slots = run.run.ticking * run.run.window.as_secs() as usize;
        assert_eq!(run.slots, slots, "{run:?}");
        // Every slot of the window was recorded once, whatever its outcome.
        let recorded: usize = run.scheduler.outcomes.values().sum();
        assert_eq!(recorded, slots, "{run:?}");
        assert_eq!(run.baseline.to_fired.len(), slots, "{run:?}");
        // A firing is recorded before its job is submitted, so before the job starts.
        let fired = run.scheduler.to_fired.iter().min().unwrap();
        let started = run.scheduler.to_job_start.iter().min().unwrap();
        assert!(fired <= started, "{run:?}");
    }
    let (without, with) = (&figures.idle_without, &figures.idle_with);
    assert_eq!((without.quiet, with.quiet), (0, settings.quiet_schedules));
    assert_eq!(with.firings, 0, "quiet schedules fired: {with:?}");
    assert!(without.resident_bytes > 0 && with.resident_bytes > 0);
    assert!(with.peak_resident_bytes >= with.resident_bytes);
    let rendered = render_section(Some(&figures));
    println!("{rendered}");
    assert!(rendered.contains("bench timer") && rendered.contains("quiet schedules"));
}
