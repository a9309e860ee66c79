//! Tests of the `get_alerts` module.

use std::sync::Arc;

use crate::alert::Alert;
use crate::http::{AlertsApi, router};
use crate::outbox::{AlertStore, MemoryOutbox};

async fn get(api: AlertsApi, path: &str) -> serde_json::Value {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router(api)).await });
    let response = reqwest::get(format!("http://{address}{path}"))
        .await
        .unwrap();
    assert!(response.status().is_success());
    response.json().await.unwrap()
}

#[tokio::test]
async fn lists_the_newest_alerts_with_their_delivery_state() {
    let store: Arc<dyn AlertStore> = Arc::new(MemoryOutbox::new(100));
    let mut entries = store
        .record(
            &[
                Alert::sample("davas", "first"),
                Alert::sample("davas", "second"),
            ],
            None,
            7,
        )
        .unwrap();
    entries[0].begin_attempt(8).unwrap();
    entries[0].confirm(9, Some("55".into())).unwrap();
    store.update(&entries[..1]).unwrap();
    let api = AlertsApi {
        store: Some(store),
        counters: Arc::default(),
    };
    let page = get(api.clone(), "/api/alerts").await;
    assert_eq!(page["enabled"], true);
    assert_eq!(page["alerts"][0]["alert"]["title"], "second");
    assert_eq!(page["alerts"][0]["state"], "pending");
    assert_eq!(page["alerts"][1]["state"], "delivered");
    assert_eq!(page["alerts"][1]["attempts"], 1);
    assert_eq!(page["alerts"][1]["discord_message_id"], "55");
    assert_eq!(page["counters"]["sent"], 0);
    let limited = get(api, "/api/alerts?limit=1").await;
    assert_eq!(limited["alerts"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn says_when_alerts_are_off() {
    let api = AlertsApi {
        store: None,
        counters: Arc::default(),
    };
    let page = get(api, "/api/alerts").await;
    assert_eq!(page["enabled"], false);
    assert_eq!(page["alerts"], serde_json::json!([]));
}
