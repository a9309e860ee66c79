//! The outbox-only service of a standalone worker, against a local server answering like a
//! Discord webhook: a notice handed over is delivered, handing it over again sends nothing,
//! not even after a restart, and without a webhook there is nothing to hand over to.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::routing::post;
use settings::Secret;
use tokio_util::sync::CancellationToken;

use super::AlertService;
use crate::alert::{Alert, AlertKind, Severity};
use crate::config::AlertsConfig;
use crate::notices::Notices;

/// The embed titles of every message the fake webhook received, in order.
type Received = Arc<Mutex<Vec<Vec<String>>>>;

async fn fake_webhook() -> (String, Received) {
    let received: Received = Arc::default();
    let recorder = received.clone();
    let app = Router::new().route(
        "/api/webhooks/1/token",
        post(move |body: String| async move {
            let message: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
            let titles = message["embeds"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|embed| embed["title"].as_str().unwrap_or_default().to_owned())
                .collect();
            recorder.lock().unwrap().push(titles);
            axum::Json(serde_json::json!({"id": "1", "type": 0}))
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{address}/api/webhooks/1/token"), received)
}

fn conflict(title: &str) -> Alert {
    Alert {
        kind: AlertKind::VaultConflict,
        severity: Severity::Warning,
        node: None,
        title: title.to_owned(),
        description: "moved to Runner/conflicts/".to_owned(),
        fields: Vec::new(),
        occurred_at_ms: 1,
    }
}

async fn send(notices: &Notices, key: &'static str, title: &str) -> bool {
    let (notices, alert) = (notices.clone(), conflict(title));
    tokio::task::spawn_blocking(move || notices.send(key, alert))
        .await
        .unwrap()
        .unwrap()
}

async fn wait_for_messages(received: &Received, count: usize) -> Vec<Vec<String>> {
    for _ in 0..500 {
        let messages = received.lock().unwrap().clone();
        if messages.len() >= count {
            return messages;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("the webhook got {:?}", received.lock().unwrap());
}

#[tokio::test]
async fn an_outbox_only_service_delivers_each_notice_once_across_a_restart() {
    let (url, received) = fake_webhook().await;
    let data_dir = tempfile::tempdir().unwrap();
    let config = AlertsConfig {
        webhook_url: Some(Secret::new(url)),
        ..AlertsConfig::default()
    };
    let service = AlertService::start_outbox_only(data_dir.path(), config.clone()).unwrap();
    let notices = service.notices().expect("a webhook turns notices on");
    let shutdown = CancellationToken::new();
    let running = tokio::spawn(service.run(shutdown.clone()));
    assert!(send(&notices, "job-1/conflict", "job 1 edited after its claim").await);
    assert_eq!(
        wait_for_messages(&received, 1).await,
        [["job 1 edited after its claim"]]
    );
    assert!(!send(&notices, "job-1/conflict", "job 1 handed over again").await);
    shutdown.cancel();
    running.await.unwrap();
    // The handle holds the outbox open, as the worker process did until it stopped.
    drop(notices);

    // A restarted worker hands the same notice again, then a new one.
    let service = AlertService::start_outbox_only(data_dir.path(), config).unwrap();
    let notices = service.notices().expect("a webhook turns notices on");
    let shutdown = CancellationToken::new();
    let running = tokio::spawn(service.run(shutdown.clone()));
    assert!(!send(&notices, "job-1/conflict", "job 1 after a crash").await);
    assert!(send(&notices, "job-2/conflict", "job 2 edited after its claim").await);
    // Oldest first: a repeat of job 1 would have arrived before job 2.
    assert_eq!(
        wait_for_messages(&received, 2).await,
        [
            ["job 1 edited after its claim"],
            ["job 2 edited after its claim"]
        ]
    );
    shutdown.cancel();
    running.await.unwrap();
}

#[tokio::test]
async fn without_a_webhook_there_are_no_notices_and_run_waits_for_shutdown() {
    let data_dir = tempfile::tempdir().unwrap();
    let service =
        AlertService::start_outbox_only(data_dir.path(), AlertsConfig::default()).unwrap();
    assert!(service.notices().is_none());
    assert!(
        !data_dir.path().join("alerts.redb").exists(),
        "no outbox is opened when alerts are off"
    );
    let shutdown = CancellationToken::new();
    let running = tokio::spawn(service.run(shutdown.clone()));
    tokio::task::yield_now().await;
    assert!(!running.is_finished());
    shutdown.cancel();
    running.await.unwrap();
}
