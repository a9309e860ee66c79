//! The JSON API over a real socket, against a cluster loop with an in-memory store.

use std::sync::Arc;

use settings::MapEnv;
use tokio_util::sync::CancellationToken;

use super::{CoreHealth, HttpState, serve_http};
use crate::cluster::new_cluster;
use crate::config::CoordinatorConfig;
use crate::store::{JobStore, MemoryJobStore, StoreWriter};

pub(super) struct Started {
    pub(super) url: String,
    /// Stops the HTTP server (and, unless it was stopped earlier, the cluster loop).
    pub(super) shutdown: CancellationToken,
    /// Stops only the cluster loop, for the health checks.
    pub(super) loop_stop: CancellationToken,
    pub(super) loop_task: tokio::task::JoinHandle<()>,
    pub(super) health: CoreHealth,
    /// The loop's store, for tests that need jobs in it.
    pub(super) store: Arc<dyn JobStore>,
}

async fn start() -> (String, CancellationToken) {
    let started = start_with_health().await;
    (started.url, started.shutdown)
}

pub(super) async fn start_with_health() -> Started {
    start_with_guard(None).await
}

async fn start_with_guard(guard: Option<super::ApiGuard>) -> Started {
    let dir = tempfile::tempdir().unwrap();
    let toml = "[[nodes]]\nname = \"davas\"\ntoken_env = \"T\"\n[[routes]]\nmodel = \"gemma4:27b\"\nnodes = [\"davas\"]\n";
    let path = dir.path().join("c.toml");
    std::fs::write(&path, toml).unwrap();
    let mut config =
        CoordinatorConfig::load(Some(&path), &MapEnv::from_pairs([("T", "t")])).unwrap();
    config.data_dir = dir.keep();
    let store: Arc<dyn JobStore> = Arc::new(MemoryJobStore::default());
    let (writer, _) = StoreWriter::start(store.clone());
    let (cluster, cluster_loop) = new_cluster(&config, store.clone(), writer);
    let stored = store.clone();
    let shutdown = CancellationToken::new();
    let loop_stop = shutdown.child_token();
    let loop_task = tokio::spawn(cluster_loop.run(loop_stop.clone()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let health = CoreHealth::default();
    tokio::spawn(serve_http(
        listener,
        super::router(
            HttpState {
                cluster,
                store,
                metrics: crate::metrics::Metrics::install().unwrap(),
                health: health.clone(),
            },
            guard,
        ),
        shutdown.clone(),
    ));
    Started {
        url,
        shutdown,
        loop_stop,
        loop_task,
        health,
        store: stored,
    }
}

pub(super) async fn get(url: &str) -> (u16, serde_json::Value) {
    let response = reqwest::get(url).await.unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

#[tokio::test]
async fn nodes_and_models_show_a_never_seen_node_with_its_reason() {
    let (url, shutdown) = start().await;
    let (status, health) = get(&format!("{url}/healthz")).await;
    assert_eq!((status, health["status"].as_str()), (200, Some("ok")));
    let (_, nodes) = get(&format!("{url}/api/nodes")).await;
    assert_eq!(nodes["nodes"][0]["name"], "davas");
    assert_eq!(nodes["nodes"][0]["state"], "NODE_STATE_DOWN");
    assert_eq!(nodes["nodes"][0]["state_reason"], "never seen");
    let (_, models) = get(&format!("{url}/api/models")).await;
    let gemma = &models["models"][0];
    assert_eq!(gemma["model"], "gemma4:27b");
    assert_eq!(gemma["available"], false);
    assert_eq!(gemma["nodes"][0]["reason"], "davas: never seen");
    shutdown.cancel();
}

#[tokio::test]
async fn jobs_listing_and_lookup_refuse_bad_input_clearly() {
    let (url, shutdown) = start().await;
    let (status, jobs) = get(&format!("{url}/api/jobs")).await;
    assert_eq!(status, 200);
    assert_eq!(jobs["jobs"].as_array().map(Vec::len), Some(0));
    let (status, body) = get(&format!("{url}/api/jobs?state=sleeping")).await;
    assert_eq!(status, 400);
    assert!(body["error"].as_str().unwrap().contains("not one of"));
    let (status, body) = get(&format!("{url}/api/jobs/nonsense")).await;
    assert_eq!(status, 400);
    assert!(body["error"].as_str().unwrap().contains("not a job id"));
    let (status, body) = get(&format!("{url}/api/jobs/01KB3ZQ4T8Y0000000000000AA")).await;
    assert_eq!(status, 404);
    assert!(body["error"].as_str().unwrap().contains("no job with id"));
    shutdown.cancel();
}

#[tokio::test]
async fn a_guard_covers_the_api_and_metrics_but_not_healthz() {
    let refuse_all: super::ApiGuard = Box::new(|routes: axum::Router| {
        routes.layer(axum::middleware::from_fn(
            |_request: axum::extract::Request, _next: axum::middleware::Next| async {
                axum::http::StatusCode::UNAUTHORIZED
            },
        ))
    });
    let started = start_with_guard(Some(refuse_all)).await;
    let status = |path: &str| {
        let url = format!("{}{path}", started.url);
        async move { reqwest::get(url).await.unwrap().status().as_u16() }
    };
    assert_eq!(status("/healthz").await, 200);
    for path in [
        "/api/nodes",
        "/api/models",
        "/api/jobs",
        "/api/jobs/x",
        "/metrics",
    ] {
        assert_eq!(status(path).await, 401, "{path}");
    }
    started.shutdown.cancel();
}
