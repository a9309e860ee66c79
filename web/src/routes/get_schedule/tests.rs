//! Tests of `GET /schedules/{name}` over the fake coordinator's real `ScheduleService`.

use crate::test_support::{TestApp, operators_schedules};

#[tokio::test]
async fn a_schedule_shows_its_recent_firings_and_agent_steps() {
    let app = TestApp::with_schedules(operators_schedules()).await;
    let (status, body) = app.get("/schedules/briefing").await;
    assert_eq!(status, 200, "{body}");
    assert!(
        body.contains("<title>Schedule briefing · llm-runner</title>"),
        "{body}"
    );
    assert_eq!(
        body.matches(r#"<li class="firing-item">"#).count(),
        2,
        "{body}"
    );
    assert_eq!(
        body.matches(r#"<details class="step">"#).count(),
        3,
        "{body}"
    );
    assert!(body.contains(">skipped</span>"), "{body}");
    let reads = app.coordinator.schedule_reads();
    assert_eq!(reads.len(), 1);
    assert_eq!((reads[0].name.as_str(), reads[0].limit), ("briefing", 20));
}

#[tokio::test]
async fn an_unknown_schedule_is_not_found_in_words() {
    let app = TestApp::with_schedules(operators_schedules()).await;
    let (status, body) = app.get("/schedules/nightly").await;
    assert_eq!(status, 404, "{body}");
    assert!(body.contains("no schedule named nightly"), "{body}");
}
