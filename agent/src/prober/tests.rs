//! Tests of the `prober` module.

use super::*;
use crate::test_support::FakeOllama;
use std::sync::atomic::Ordering;

#[tokio::test]
async fn a_snapshot_is_published_only_when_it_changes() {
    let ollama = FakeOllama::start(&["qwen2.5:14b", "gemma4:27b"]).await;
    let client = OllamaClient::new(&ollama.url).unwrap();
    let (prober, mut health) = Prober::new(client.clone(), Duration::from_secs(1));
    health.borrow_and_update();

    assert!(prober.publish(probe_once(&client).await));
    let first = health.borrow_and_update().clone();
    assert!(first.reachable && first.error.is_empty());
    assert_eq!(
        names(first.installed.iter().map(|model| &model.name)),
        ["gemma4:27b", "qwen2.5:14b"]
    );

    assert!(
        !prober.publish(probe_once(&client).await),
        "an unchanged probe must not publish"
    );
    assert!(!health.has_changed().unwrap());

    ollama.state.loaded.lock().unwrap().push("gemma4:27b");
    assert!(prober.publish(probe_once(&client).await));
    assert_eq!(health.borrow_and_update().loaded.len(), 1);

    ollama.state.healthy.store(false, Ordering::SeqCst);
    assert!(prober.publish(probe_once(&client).await));
    let sick = health.borrow_and_update().clone();
    assert!(!sick.reachable && sick.installed.is_empty());
    assert_eq!(sick.error, "ollama answered 503: sick");
}

#[tokio::test]
async fn the_service_publishes_the_first_probe_and_stops_on_shutdown() {
    let ollama = FakeOllama::start(&["qwen2.5:14b"]).await;
    let client = OllamaClient::new(&ollama.url).unwrap();
    let (prober, mut health) = Prober::new(client, Duration::from_millis(100));
    let shutdown = CancellationToken::new();
    let service = tokio::spawn(prober.run(shutdown.clone()));
    tokio::time::timeout(Duration::from_secs(5), health.changed())
        .await
        .unwrap()
        .unwrap();
    assert!(health.borrow().reachable);
    shutdown.cancel();
    tokio::time::timeout(Duration::from_secs(5), service)
        .await
        .unwrap()
        .unwrap();
}
