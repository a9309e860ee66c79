//! Tests of `GET /usage` over the fake coordinator's real `UsageService`.

use proto::v1::UsageGrouping;

use crate::test_support::TestApp;
use crate::views::usage_page::{first_day_of_last, tests_fixtures};

#[tokio::test]
async fn the_page_asks_by_day_and_model_and_by_model_from_the_first_day() {
    let app = TestApp::start().await;
    app.coordinator.script_usage(
        &[UsageGrouping::Day, UsageGrouping::Model],
        tests_fixtures::by_day_model(),
    );
    app.coordinator
        .script_usage(&[UsageGrouping::Model], tests_fixtures::by_model());
    let (status, body) = app.get("/usage?days=7").await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains(r#"id="usage-chart-tokens""#), "{body}");
    assert!(
        body.contains(r#"<a href="/usage" aria-current="page">Usage</a>"#),
        "{body}"
    );
    let mut requests = app.coordinator.usage_requests();
    requests.sort_by_key(|request| request.by.len());
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].by, [UsageGrouping::Model as i32]);
    assert_eq!(
        requests[1].by,
        [UsageGrouping::Day as i32, UsageGrouping::Model as i32]
    );
    let today = crate::app_state::now_ms();
    assert_eq!(requests[0].since, first_day_of_last(7, today));
}

#[tokio::test]
async fn no_jobs_says_so_and_an_odd_range_is_bad_input() {
    let app = TestApp::start().await;
    let (status, body) = app.get("/usage").await;
    assert_eq!(status, 200);
    assert!(body.contains("No jobs in this range."), "{body}");
    let (status, body) = app.get("/usage?days=12").await;
    assert_eq!(status, 400);
    assert!(body.contains("use 7, 30 or 90"), "{body}");
}
