//! Tests that a schedule's view says when it fires next in its zone, or that it is paused,
//! and carries its last firing in words.

use proto::v1::{AgentRun, Firing, FiringOutcome, Schedule};

use super::*;

/// 2026-12-03 07:00 UTC.
const DEC_3_0700: i64 = 1_796_281_200_000;

fn schedule() -> Schedule {
    Schedule {
        name: "briefing".into(),
        cron: "0 7 * * *".into(),
        time_zone: "Europe/Paris".into(),
        next_at_ms: Some(DEC_3_0700),
        last_firing: Some(Firing {
            scheduled_at_ms: DEC_3_0700 - 86_400_000,
            outcome: FiringOutcome::Missed.into(),
            run: Some(AgentRun {
                agent: "briefing".into(),
                ..AgentRun::default()
            }),
            ..Firing::default()
        }),
        ..Schedule::default()
    }
}

#[test]
fn next_reads_in_the_zone_with_how_far_off_or_paused() {
    let view = ScheduleView::new(&schedule(), DEC_3_0700 - 3 * 3_600_000);
    assert_eq!(view.next, "2026-12-03 08:00 Europe/Paris (in 3h)");
    assert_eq!(view.next_at_ms, Some(DEC_3_0700));
    let paused = Schedule {
        paused: true,
        next_at_ms: None,
        ..schedule()
    };
    assert_eq!(ScheduleView::new(&paused, 0).next, "paused");
}

#[test]
fn the_last_firing_has_its_outcome_word_summary_and_run() {
    let view = ScheduleView::new(&schedule(), DEC_3_0700);
    let last = view.last_firing.unwrap();
    assert_eq!(last.outcome, "missed");
    assert_eq!(
        last.summary,
        "2026-12-02 08:00 Europe/Paris missed (coordinator down)"
    );
    assert_eq!(last.run.unwrap().agent, "briefing");
    let json = serde_json::to_value(ScheduleView::new(&Schedule::default(), 0)).unwrap();
    assert!(json.get("last_firing").is_none(), "{json}");
    assert_eq!(json["next"], "none");
}
