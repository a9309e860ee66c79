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
