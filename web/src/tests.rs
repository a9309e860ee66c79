//! Tests of the `web` crate root (lib.rs).

use super::*;

#[tokio::test]
async fn the_router_keeps_conversations_in_data_dir() {
    let dir = tempfile::tempdir().unwrap();
    let shutdown = CancellationToken::new();
    let context = WebContext {
        grpc_url: "http://127.0.0.1:1".into(),
        data_dir: dir.path().join("data"),
        config: WebConfig::default(),
        shutdown: shutdown.clone(),
    };
    let _router = router(context).await.unwrap();
    assert!(dir.path().join("data/conversations.redb").exists());
    shutdown.cancel();
    let bad = WebContext {
        grpc_url: "not a url".into(),
        data_dir: dir.path().into(),
        config: WebConfig::default(),
        shutdown,
    };
    assert!(matches!(router(bad).await, Err(WebError::GrpcUrl { .. })));
}
