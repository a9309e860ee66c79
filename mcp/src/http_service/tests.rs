//! `/mcp` over real HTTP: which `Host` values it answers to (the bound address, loopback
//! names, the configured ones; nothing else) and the bearer token check.

use std::net::SocketAddr;

use reqwest::StatusCode;
use settings::Secret;
use tokio_util::sync::CancellationToken;

use super::{MCP_PATH, allowed_hosts, router};
use crate::{McpConfig, McpContext};

const INITIALIZE: &str = r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}"#;

/// Serves `/mcp` on `bind_ip` (any loopback address: Linux routes all of 127/8 to `lo`, so a
/// test can bind one that is not 127.0.0.1 and see that the bound address itself is allowed).
async fn serve(bind_ip: &str, config: McpConfig) -> (SocketAddr, CancellationToken) {
    let listener = tokio::net::TcpListener::bind((bind_ip, 0)).await.unwrap();
    let http_addr = listener.local_addr().unwrap();
    let shutdown = CancellationToken::new();
    let app = router(McpContext {
        grpc_url: "http://127.0.0.1:9".into(),
        http_addr,
        config,
        shutdown: shutdown.clone(),
    })
    .unwrap();
    let stop = shutdown.clone();
    tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(stop.cancelled_owned())
            .await
    });
    (http_addr, shutdown)
}

async fn initialize(address: SocketAddr, host: &str, bearer: Option<&str>) -> reqwest::Response {
    let mut request = reqwest::Client::new()
        .post(format!("http://{address}{MCP_PATH}"))
        .header("host", host)
        .header("content-type", "application/json")
        .header("accept", "application/json, text/event-stream")
        .body(INITIALIZE);
    if let Some(token) = bearer {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

#[test]
fn the_bound_address_and_the_configured_names_are_allowed_besides_loopback() {
    let bound: SocketAddr = "100.64.0.1:8000".parse().unwrap();
    let hosts = allowed_hosts(bound, &["vps.tailnet.ts.net".into(), "localhost".into()]);
    assert_eq!(
        hosts,
        [
            "localhost",
            "127.0.0.1",
            "::1",
            "100.64.0.1",
            "vps.tailnet.ts.net"
        ]
    );
    let everywhere: SocketAddr = "0.0.0.0:8000".parse().unwrap();
    assert_eq!(
        allowed_hosts(everywhere, &[]),
        ["localhost", "127.0.0.1", "::1"]
    );
}

#[tokio::test]
async fn it_answers_the_bound_address_and_configured_names_and_refuses_other_hosts() {
    let config = McpConfig {
        allowed_hosts: vec!["runner.tailnet.ts.net".into()],
        ..McpConfig::default()
    };
    let (address, shutdown) = serve("127.0.0.2", config).await;
    for host in [
        address.to_string(),
        "localhost".into(),
        "runner.tailnet.ts.net:8000".into(),
    ] {
        let response = initialize(address, &host, None).await;
        assert_eq!(response.status(), StatusCode::OK, "Host: {host}");
    }
    for host in ["evil.example", "127.0.0.3"] {
        let response = initialize(address, host, None).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "Host: {host}");
    }
    shutdown.cancel();
}

#[tokio::test]
async fn with_a_token_set_only_requests_bearing_it_get_through() {
    let config = McpConfig {
        bearer_token: Some(Secret::new("s3cret-token")),
        ..McpConfig::default()
    };
    let (address, shutdown) = serve("127.0.0.1", config).await;
    let host = address.to_string();
    for bearer in [None, Some("wrong")] {
        let response = initialize(address, &host, bearer).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{bearer:?}");
        assert_eq!(
            response.headers()["www-authenticate"],
            "Bearer realm=\"llm-runner\""
        );
        let body = response.text().await.unwrap();
        assert!(
            body.contains("RUNNER_MCP_TOKEN") && !body.contains("s3cret"),
            "{body}"
        );
    }
    let response = initialize(address, &host, Some("s3cret-token")).await;
    assert_eq!(response.status(), StatusCode::OK);
    shutdown.cancel();
}
