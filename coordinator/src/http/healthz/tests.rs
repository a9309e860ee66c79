//! `/healthz` over a real socket: 200 while the core runs, 503 with the reason once a core task
//! failed or the cluster loop stopped.

use crate::http::tests::{get, start_with_health};

#[tokio::test]
async fn health_is_503_with_the_reason_once_a_core_task_has_failed() {
    let started = start_with_health().await;
    let url = format!("{}/healthz", started.url);
    assert_eq!(get(&url).await.0, 200);
    started
        .health
        .record_failure("store writer failed: No space left on device".into());
    started.health.record_failure("a later consequence".into());
    let (status, body) = get(&url).await;
    assert_eq!(status, 503);
    assert_eq!(body["status"], "failing");
    assert_eq!(
        body["reason"],
        "store writer failed: No space left on device"
    );
    started.shutdown.cancel();
}

#[tokio::test]
async fn health_is_503_once_the_cluster_loop_has_stopped() {
    let started = start_with_health().await;
    let url = format!("{}/healthz", started.url);
    assert_eq!(get(&url).await.0, 200);
    started.loop_stop.cancel();
    started.loop_task.await.unwrap();
    let (status, body) = get(&url).await;
    assert_eq!(status, 503);
    assert_eq!(body["reason"], "the cluster loop has stopped");
    started.shutdown.cancel();
}
