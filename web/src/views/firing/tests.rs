//! Tests of the `firing` module.

use proto::v1::{Firing, FiringOutcome};

use super::*;
use crate::test_support::{DEC_4_0700_UTC, REJECTION, operators_schedules};

fn last_firing(name: &str) -> Firing {
    let schedules = operators_schedules();
    let schedule = schedules.iter().find(|s| s.name == name).unwrap();
    schedule.last_firing.clone().unwrap()
}

#[test]
fn every_outcome_has_its_word() {
    let words: Vec<&str> = [
        FiringOutcome::Pending,
        FiringOutcome::Started,
        FiringOutcome::Rejected,
        FiringOutcome::Skipped,
        FiringOutcome::Missed,
        FiringOutcome::Failed,
        FiringOutcome::Unspecified,
    ]
    .into_iter()
    .map(|outcome| outcome_word(outcome as i32))
    .collect();
    assert_eq!(
        words,
        [
            "pending", "started", "rejected", "skipped", "missed", "failed", "unknown"
        ]
    );
    assert_eq!(outcome_word(99), "unknown");
}

#[test]
fn a_rejected_firing_shows_its_slot_job_and_every_nodes_reason() {
    let text = firing_summary(&last_firing("digest"), "UTC", DEC_4_0700_UTC).into_string();
    assert!(
        text.contains("Fri 4 Dec 2026 08:00 UTC (in 60 min)"),
        "{text}"
    );
    assert!(
        text.contains(r#"data-state="rejected">rejected</span>"#),
        "{text}"
    );
    assert!(
        text.contains(r#"<a class="job-id" href="/jobs/J-dig-9">J-dig-9</a>"#),
        "{text}"
    );
    assert!(text.contains(REJECTION), "{text}");
}

#[test]
fn a_missed_firing_has_no_job_but_says_why() {
    let text =
        firing_summary(&last_firing("weekly"), "America/New_York", DEC_4_0700_UTC).into_string();
    assert!(
        text.contains("Wed 2 Dec 2026 02:00 EST (2 days ago)"),
        "{text}"
    );
    assert!(text.contains(">missed</span>"), "{text}");
    assert!(!text.contains("/jobs/"), "{text}");
    assert!(
        text.contains("the coordinator was down at the slot"),
        "{text}"
    );
}

#[test]
fn a_manual_late_firing_says_both() {
    let firing = Firing {
        scheduled_at_ms: DEC_4_0700_UTC,
        outcome: FiringOutcome::Started as i32,
        job_id: "J1".to_owned(),
        state: "running".to_owned(),
        manual: true,
        missed_before: 2,
        ..Default::default()
    };
    let text = firing_summary(&firing, "UTC", DEC_4_0700_UTC).into_string();
    assert!(
        text.contains(r#"<span class="badge">manual</span>"#),
        "{text}"
    );
    assert!(text.contains("late: 2 older slots missed"), "{text}");
    assert!(
        text.contains(r#"data-state="running">running</span>"#),
        "{text}"
    );
}

#[test]
fn a_firing_item_carries_its_agent_run() {
    let text = firing_item(&last_firing("briefing"), "Europe/London", DEC_4_0700_UTC).into_string();
    assert!(text.starts_with(r#"<li class="firing-item">"#), "{text}");
    assert!(text.contains(r#"<div class="agent-run">"#), "{text}");
}
