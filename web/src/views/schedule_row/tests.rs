//! Tests of the `schedule_row` module.

use super::*;
use crate::test_support::{DEC_4_0700_UTC, operators_schedules};

#[test]
fn a_row_reads_the_next_slot_in_the_schedules_zone_and_from_now() {
    let schedules = operators_schedules();
    let text = schedule_row(&schedules[0], DEC_4_0700_UTC - 3 * 3_600_000).into_string();
    assert!(
        text.starts_with(r#"<tr class="schedule" data-schedule="briefing">"#),
        "{text}"
    );
    assert!(
        text.contains(r#"<a href="/schedules/briefing">briefing</a>"#),
        "{text}"
    );
    assert!(text.contains("At 07:00"), "{text}");
    assert!(
        text.contains("<code>0 7 * * *</code> · Europe/London"),
        "{text}"
    );
    assert!(
        text.contains(r#"<span class="next-at">Sat 5 Dec 2026 07:00 GMT</span> <span class="relative">in 27 h</span>"#),
        "{text}"
    );
    assert!(text.contains("/jobs/J-brief-2"), "{text}");
    assert!(text.contains(">Run now</button>"), "{text}");
}

#[test]
fn a_paused_row_has_no_next_slot_and_offers_resume() {
    let schedules = operators_schedules();
    let text = schedule_row(&schedules[2], DEC_4_0700_UTC).into_string();
    assert!(
        text.contains(r#"<span class="badge state-paused">paused</span>"#),
        "{text}"
    );
    assert!(text.contains("None while paused"), "{text}");
    assert!(text.contains(">Resume</button>"), "{text}");
}

#[test]
fn a_schedule_that_never_fired_says_so() {
    let schedule = Schedule {
        name: "fresh".to_owned(),
        time_zone: "UTC".to_owned(),
        ..Default::default()
    };
    let text = schedule_row(&schedule, DEC_4_0700_UTC).into_string();
    assert!(text.contains("Never fired"), "{text}");
    assert!(text.contains("No next slot"), "{text}");
}
