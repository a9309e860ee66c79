//! Tests of the `get_dashboard` module.

use crate::test_support::TestApp;

#[tokio::test]
async fn the_dashboard_shows_every_host_and_greys_the_down_one() {
    let app = TestApp::start().await;
    let (status, body) = app.get("/").await;
    assert_eq!(status, 200);
    for host in ["contabo", "homelab", "davas"] {
        assert!(
            body.contains(&format!(r#"data-node="{host}""#)),
            "{host} missing: {body}"
        );
    }
    assert!(body.contains(r#"data-node="davas" data-state="down""#));
    assert!(body.contains("agent down since 10:00:00"));
    assert!(body.contains(r#"data-model="gemma4:27b" data-availability="unavailable""#));
    assert!(body.contains(r#"sse-connect="/events/cluster?show=dashboard""#));
}
