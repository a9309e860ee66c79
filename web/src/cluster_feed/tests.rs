//! Tests of the `cluster_feed` module.

use super::*;
use crate::test_support::FakeCoordinator;

#[tokio::test]
async fn snapshots_arrive_and_a_broken_watch_is_reported() {
    let coordinator = FakeCoordinator::start().await;
    let shutdown = CancellationToken::new();
    let (mut view, task) = start_cluster_feed(coordinator.client(), shutdown.clone());
    let seen = view
        .wait_for(|view| view.snapshot.is_some())
        .await
        .unwrap()
        .clone();
    assert_eq!(seen.snapshot.unwrap().nodes.len(), 3);
    coordinator.stop().await;
    let problem = view
        .wait_for(|view| view.problem.is_some())
        .await
        .unwrap()
        .problem
        .clone()
        .unwrap();
    assert!(problem.contains("not live"), "{problem}");
    shutdown.cancel();
    tokio::time::timeout(Duration::from_secs(2), task)
        .await
        .expect("the feed ends on shutdown")
        .unwrap();
}

#[tokio::test]
async fn the_feed_ends_when_nobody_listens() {
    let client = Coordinator::lazy("http://127.0.0.1:1").unwrap();
    let (view, task) = start_cluster_feed(client, CancellationToken::new());
    drop(view);
    tokio::time::timeout(Duration::from_secs(2), task)
        .await
        .expect("the feed ends once its last receiver is gone")
        .unwrap();
}
