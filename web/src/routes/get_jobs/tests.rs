//! Tests of the `get_jobs` module.

use crate::test_support::{TestApp, running_job};

#[tokio::test]
async fn filters_and_paging_reach_the_coordinator() {
    let app = TestApp::start().await;
    for index in 0..55 {
        app.coordinator
            .put_job(running_job(&format!("J{index:03}"), "qwen2.5:14b"));
    }
    let (status, body) = app.get("/jobs?state=running&node=contabo").await;
    assert_eq!(status, 200);
    assert!(
        body.contains(r#"href="/jobs/J054""#) && !body.contains(r#"href="/jobs/J004""#),
        "{body}"
    );
    assert!(
        body.contains("/jobs?state=running&amp;model=&amp;node=contabo&amp;before=J005"),
        "{body}"
    );
    let (_, older) = app
        .get("/jobs?state=running&node=contabo&before=J005")
        .await;
    assert!(older.contains(r#"href="/jobs/J004""#) && !older.contains("Older jobs"));
    let (_, none) = app.get("/jobs?state=succeeded").await;
    assert!(none.contains("No jobs match."));
}

#[tokio::test]
async fn an_unknown_state_is_bad_input() {
    let app = TestApp::start().await;
    let (status, body) = app.get("/jobs?state=sleeping").await;
    assert_eq!(status, 400);
    assert!(body.contains("use one of queued"), "{body}");
}
