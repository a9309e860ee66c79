//! Tests of the `prober` module.

use super::*;
use crate::test_support::FakeOllama;
use std::sync::atomic::Ordering;

#[tokio::test]
async fn a_snapshot_is_published_only_when_it_changes() {
    let ollama = FakeOllama::start(&["qwen2.5:14b", "gemma4:27b"]).await;
    let client = OllamaClient::new(&ollama.url).unwrap();
    let (prober, mut health) = Prober::new(
        Arc::new(crate::backend::OllamaBackend::new(client.clone())),
        Duration::from_secs(1),
    );
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
    let (prober, mut health) = Prober::new(
        Arc::new(crate::backend::OllamaBackend::new(client)),
        Duration::from_millis(100),
    );
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

#[tokio::test]
async fn capabilities_are_asked_once_per_model_version() {
    let ollama = FakeOllama::start(&["qwen2.5:14b", "nomic-embed-text:latest"]).await;
    let client = OllamaClient::new(&ollama.url).unwrap();
    let mut cache = CapabilityCache::default();
    let first = probe_with(&client, &mut cache).await;
    let capabilities: Vec<(&str, Vec<String>)> = first
        .installed
        .iter()
        .map(|model| (model.name.as_str(), model.capabilities.clone()))
        .collect();
    assert_eq!(
        capabilities,
        [
            ("nomic-embed-text:latest", vec!["embedding".to_owned()]),
            ("qwen2.5:14b", vec!["completion".to_owned()]),
        ]
    );
    let again = probe_with(&client, &mut cache).await;
    assert_eq!(again, first);
    assert_eq!(
        ollama.state.shown.lock().unwrap().len(),
        2,
        "asked once each"
    );

    // A newly installed model is asked about; the known ones are not asked again.
    ollama.state.installed.lock().unwrap().push("gemma4:27b");
    let third = probe_with(&client, &mut cache).await;
    assert_eq!(third.installed[0].name, "gemma4:27b");
    assert_eq!(third.installed[0].capabilities, ["completion"]);
    assert_eq!(ollama.state.shown.lock().unwrap().len(), 3);
}
