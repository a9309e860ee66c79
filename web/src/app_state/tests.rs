//! Tests of the `app_state` module.

use crate::test_support::TestApp;

#[tokio::test]
async fn the_current_view_waits_for_the_first_snapshot() {
    let app = TestApp::start().await;
    let view = app.state.current_view().await;
    assert_eq!(view.snapshot.expect("a snapshot").nodes.len(), 3);
    assert!(view.problem.is_none());
    assert!(super::now_ms() > 1_700_000_000_000);
}

#[tokio::test]
async fn the_schedule_api_gives_a_client_for_a_checked_url_and_says_why_not_otherwise() {
    assert!(
        super::ScheduleApi::lazy("http://127.0.0.1:7070")
            .client()
            .is_ok()
    );
    let problem = super::ScheduleApi::lazy("http://bad host")
        .client()
        .unwrap_err();
    assert!(problem.to_string().contains("bad host"), "{problem}");
}
