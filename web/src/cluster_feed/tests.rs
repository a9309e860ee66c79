//! Tests of the `cluster_feed` module.

use super::*;
use crate::test_support::FakeCoordinator;

#[tokio::test]
async fn snapshots_arrive_and_a_broken_watch_is_reported() {
    let coordinator = FakeCoordinator::start().await;
    let shutdown = CancellationToken::new();
    let (feed, task) = start_cluster_feed(coordinator.client(), shutdown.clone());
    let mut view = feed.subscribe();
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

/// Waits up to two seconds for `coordinator` to have `watches` open.
async fn open_watches_become(coordinator: &FakeCoordinator, watches: usize) {
    let deadline = Instant::now() + Duration::from_secs(2);
    while coordinator.open_watches() != watches {
        assert!(
            Instant::now() < deadline,
            "{} watches open, not {watches}",
            coordinator.open_watches()
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn the_watch_opens_for_a_subscriber_and_closes_when_nobody_looks() {
    let coordinator = FakeCoordinator::start().await;
    let idle_after = Duration::from_millis(200);
    let (feed, task) =
        start_cluster_feed_idling_after(coordinator.client(), CancellationToken::new(), idle_after);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(coordinator.open_watches(), 0, "nobody subscribed yet");

    let mut view = feed.subscribe();
    view.wait_for(|view| view.snapshot.is_some()).await.unwrap();
    open_watches_become(&coordinator, 1).await;
    // A subscriber that comes and goes within the idle time keeps it open.
    drop(view);
    tokio::time::sleep(idle_after / 2).await;
    let again = feed.subscribe();
    tokio::time::sleep(idle_after).await;
    assert_eq!(coordinator.open_watches(), 1);
    assert!(again.borrow().snapshot.is_some());

    drop(again);
    open_watches_become(&coordinator, 0).await;
    let mut view = feed.subscribe();
    assert!(
        view.borrow().snapshot.is_none(),
        "the snapshot went with the watch"
    );
    view.wait_for(|view| view.snapshot.is_some()).await.unwrap();
    open_watches_become(&coordinator, 1).await;
    task.abort();
}

#[tokio::test]
async fn an_unreachable_coordinator_is_not_retried_once_nobody_looks() {
    let client = Coordinator::lazy("http://127.0.0.1:1").unwrap();
    let (feed, task) =
        start_cluster_feed_idling_after(client, CancellationToken::new(), Duration::from_secs(60));
    let mut view = feed.subscribe();
    view.wait_for(|view| view.problem.is_some()).await.unwrap();
    drop(view);
    // The feed goes idle (its view emptied) rather than retrying for nobody.
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let watching = feed.shared.sender.borrow().problem.is_some();
        if !watching {
            break;
        }
        assert!(Instant::now() < deadline, "still retrying for nobody");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(!task.is_finished());
    task.abort();
}
