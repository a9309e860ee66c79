//! Unit tests of the scheduler's section: both timers' rows, other outcomes, the by-schedule
//! lines and the cost per schedule.

use std::collections::BTreeMap;
use std::time::Duration;

use super::*;
use crate::schedules::{AccuracyFigures, SchedulesSettings};

fn samples(fired_ms: &[u64], outcomes: &[(&str, usize)]) -> SlotSamples {
    SlotSamples {
        to_fired: fired_ms
            .iter()
            .map(|ms| Duration::from_millis(*ms))
            .collect(),
        to_job_start: fired_ms
            .iter()
            .map(|ms| Duration::from_millis(ms + 5))
            .collect(),
        outcomes: outcomes
            .iter()
            .map(|(word, count)| ((*word).to_owned(), *count))
            .collect::<BTreeMap<_, _>>(),
        jobs_not_started: 0,
        to_fired_by_schedule: BTreeMap::from([(
            "tick-0".to_owned(),
            fired_ms
                .iter()
                .map(|ms| Duration::from_millis(*ms))
                .collect(),
        )]),
    }
}

#[test]
fn the_section_shows_both_timers_other_outcomes_and_the_cost_per_schedule() {
    let settings = SchedulesSettings::full();
    let idle = |quiet, resident_bytes| IdleCoordinatorFigures {
        quiet,
        resident_bytes,
        resident_after_window_bytes: resident_bytes,
        peak_resident_bytes: resident_bytes,
        cpu_ms_per_minute: 10.0,
        window: Duration::from_secs(60),
        firings: 0,
    };
    let figures = SchedulesFigures {
        accuracy: vec![AccuracyFigures {
            run: settings.accuracy_runs[0].clone(),
            slots: 6,
            scheduler: samples(&[1, 2, 3, 4, 40], &[("STARTED", 5), ("SKIPPED", 1)]),
            baseline: samples(&[0, 1, 1, 1, 2, 2], &[("STARTED", 6)]),
            load_average: Some(1.5),
        }],
        idle_without: idle(0, 20_000_000),
        idle_with: idle(50, 20_100_000),
        settings,
    };
    assert!((figures.resident_bytes_per_schedule() - 2_000.0).abs() < 1e-9);
    let rendered = render_section(Some(&figures));
    // The table pads its cells; compare with runs of spaces made one.
    let squeezed = rendered
        .split(' ')
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let scheduler =
        "| unloaded | scheduler | 6 | 5 | skipped 1 | 3 / 40 / 40 | 8 / 45 / 45 | 0 | 1.50 |";
    let baseline = "| unloaded | bench timer | 6 | 6 | — | 1 / 2 / 2 | 6 / 7 / 7 | 0 | 1.50 |";
    assert!(squeezed.contains(scheduler), "{rendered}");
    assert!(squeezed.contains(baseline), "{rendered}");
    assert!(
        rendered.contains("- unloaded: tick-0 3 / 40\n"),
        "{rendered}"
    );
    assert!(rendered.contains("2000 bytes of RSS"), "{rendered}");
    assert_eq!(render_section(None), "");
}
