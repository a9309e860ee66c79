//! Unit tests of the scheduler's figures: the schedule tables it configures, the slot window,
//! the bounded CPU load and the rendered section.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Timelike, Utc};

use super::*;

#[test]
fn every_second_schedules_are_named_tables_with_a_six_field_cron() {
    let toml = every_second_schedules(3, "qwen2.5:14b");
    assert_eq!(toml.matches("[[schedules]]").count(), 3);
    assert!(toml.contains("name = \"tick-2\""));
    assert_eq!(toml.matches("cron = \"* * * * * *\"").count(), 3);
    assert!(toml.contains("model = \"qwen2.5:14b\""));
}

#[test]
fn quiet_daily_schedules_are_at_least_eleven_hours_away_in_their_zone() {
    let now: DateTime<Utc> = Utc.with_ymd_and_hms(2026, 12, 4, 0, 5, 0).unwrap();
    let toml = quiet_daily_schedules(16, "m", now);
    assert_eq!(toml.matches("[[schedules]]").count(), 16);
    for (index, zone) in ZONES.iter().enumerate() {
        let local_hour = now.with_timezone(zone).hour();
        let hour = (local_hour + 12) % 24;
        let expected = format!(
            "cron = \"{index} {hour} * * *\"\ntime_zone = \"{}\"",
            zone.name()
        );
        assert!(toml.contains(&expected), "{expected} missing from {toml}");
    }
    // Kathmandu is UTC+5:45: 05:50 local at 00:05 UTC, so its schedules are at 17:mm.
    assert!(toml.contains("6 17 * * *\"\ntime_zone = \"Asia/Kathmandu\""));
}

#[test]
fn a_slot_window_holds_its_start_but_not_its_end() {
    let window = SlotWindow {
        from_ms: 10_000,
        until_ms: 13_000,
    };
    assert_eq!(window.slots(), 3);
    assert!(window.contains(10_000) && window.contains(12_000));
    assert!(!window.contains(13_000) && !window.contains(9_000));
}

#[test]
fn the_next_whole_second_is_strictly_later() {
    assert_eq!(next_whole_second_ms(4_000), 5_000);
    assert_eq!(next_whole_second_ms(4_999), 5_000);
    assert_eq!(next_whole_second_ms(4_001), 5_000);
}

#[test]
fn a_time_before_its_slot_counts_as_no_lateness() {
    assert_eq!(after_slot(1_000, 1_250), Duration::from_millis(250));
    assert_eq!(after_slot(1_000, 990), Duration::ZERO);
}

#[test]
fn cpu_per_minute_scales_the_window_to_sixty_seconds() {
    let cpu = per_minute(Duration::from_millis(30), Duration::from_secs(30));
    assert!((cpu - 60.0).abs() < 1e-9, "{cpu}");
    assert_eq!(per_minute(Duration::from_secs(1), Duration::ZERO), 0.0);
}

#[test]
fn the_cpu_load_stops_at_its_deadline_without_being_dropped() {
    let started = Instant::now();
    let load = CpuLoad::start(1, Duration::from_millis(50)).unwrap();
    assert_eq!(load.threads(), 1);
    drop(load);
    assert!(started.elapsed() < Duration::from_secs(5));
    let load = CpuLoad::start(2, Duration::from_secs(60)).unwrap();
    let dropped_at = Instant::now();
    drop(load);
    assert!(
        dropped_at.elapsed() < Duration::from_secs(5),
        "drop stops it early"
    );
}

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
    }
}

#[test]
fn the_section_shows_both_timers_other_outcomes_and_the_cost_per_schedule() {
    let settings = SchedulesSettings::quick();
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
    assert!(rendered.contains("2000 bytes of RSS"), "{rendered}");
    assert_eq!(render_section(None), "");
}
