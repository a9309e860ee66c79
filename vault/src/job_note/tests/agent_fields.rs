//! `day:` and `time_zone:`: read when valid, each named with its line when not.

use super::*;

fn briefing(properties: &str) -> String {
    format!("---\ntype: briefing\nmodel: gemma4:27b\nstatus: submitted\n{properties}---\n")
}

#[test]
fn a_briefing_reads_its_day_and_time_zone() {
    let text = briefing("day: 2026-12-02\ntime_zone: Europe/Paris\n");
    let note = parse_job_note("Brief.md", &text).unwrap();
    assert_eq!(note.job_type, JobType::Briefing);
    assert_eq!(note.day.as_deref(), Some("2026-12-02"));
    assert_eq!(note.time_zone.as_deref(), Some("Europe/Paris"));
}

#[test]
fn a_briefing_without_a_day_or_zone_is_valid_with_neither() {
    let note = parse_job_note("Brief.md", &briefing("")).unwrap();
    assert_eq!((note.day, note.time_zone), (None, None));
}

#[test]
fn a_bad_day_and_a_bad_zone_are_each_named_with_their_line() {
    let text = briefing("day: 2026-13-02\ntime_zone: Mars/Olympus\n");
    assert_eq!(
        places(&problems("Brief.md", &text)),
        [(Some("day"), Some(5)), (Some("time_zone"), Some(6))]
    );
}
