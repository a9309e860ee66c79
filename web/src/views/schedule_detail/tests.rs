//! Tests of the `schedule_detail` module.

use super::*;
use crate::test_support::{DEC_4_0700_UTC, operators_schedules};

#[test]
fn the_page_lists_recent_firings_newest_first_with_the_agent_runs_steps() {
    let schedules = operators_schedules();
    let text = schedule_detail_body(&schedules[0], DEC_4_0700_UTC).into_string();
    assert!(text.contains("<h1>Schedule briefing</h1>"), "{text}");
    assert!(text.contains("briefing on qwen2.5:14b"), "{text}");
    assert_eq!(
        text.matches(r#"<li class="firing-item">"#).count(),
        2,
        "{text}"
    );
    let started = text.find(">started</span>").unwrap();
    let skipped = text.find(">skipped</span>").unwrap();
    assert!(started < skipped, "newest first: {text}");
    assert!(
        text.contains("the previous firing&#39;s job J-brief-1 was still running")
            || text.contains("the previous firing's job J-brief-1 was still running"),
        "{text}"
    );
    assert_eq!(
        text.matches(r#"<details class="step">"#).count(),
        3,
        "{text}"
    );
    assert!(
        !text.contains("hx-post"),
        "its buttons reload the page: {text}"
    );
}

#[test]
fn a_schedule_that_never_fired_says_so() {
    let schedule = Schedule {
        name: "fresh".to_owned(),
        ..Default::default()
    };
    let text = schedule_detail_body(&schedule, DEC_4_0700_UTC).into_string();
    assert!(text.contains("It has not fired yet."), "{text}");
}
