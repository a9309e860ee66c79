//! Tests of the `schedule_actions` module.

use super::*;

fn schedule(name: &str, paused: bool) -> Schedule {
    Schedule {
        name: name.to_owned(),
        paused,
        ..Default::default()
    }
}

#[test]
fn a_running_schedule_offers_run_now_and_pause_swapping_its_row() {
    let text = schedule_actions(&schedule("briefing", false), Answer::SwapRow).into_string();
    assert!(
        text.contains(r#"<form method="post" action="/schedules/briefing/run" hx-post="/schedules/briefing/run" hx-target="closest tr" hx-swap="outerHTML">"#),
        "{text}"
    );
    assert!(text.contains(r#"name="paused" value="true""#), "{text}");
    assert!(text.contains(">Pause</button>"), "{text}");
}

#[test]
fn a_paused_schedule_offers_resume_and_plain_forms_reload() {
    let text = schedule_actions(&schedule("briefing", true), Answer::Reload).into_string();
    assert!(text.contains(r#"name="paused" value="false""#), "{text}");
    assert!(text.contains(">Resume</button>"), "{text}");
    assert!(!text.contains("hx-"), "{text}");
}

#[test]
fn names_are_percent_encoded_in_paths() {
    assert_eq!(schedule_path("daily news"), "/schedules/daily%20news");
    assert_eq!(schedule_path("briefing"), "/schedules/briefing");
}
