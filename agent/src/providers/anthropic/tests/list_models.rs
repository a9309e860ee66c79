//! Anthropic's model list (§4.5), followed across pages by `after_id`.

use std::time::Duration;

use super::{KEY, client};
use crate::providers::replay_server::{ReplayServer, Reply};
use crate::providers::{ListedModel, ProviderApi, ProviderErrorKind};

const FIRST: &str = r#"{"data":[{"type":"model","id":"claude-sonnet-4-6","display_name":"Claude Sonnet 4.6","created_at":"2026-02-17T00:00:00Z"},{"type":"model","id":"claude-opus-4-6","display_name":"Claude Opus 4.6","created_at":"2026-02-05T00:00:00Z"}],"has_more":true,"first_id":"claude-sonnet-4-6","last_id":"claude-opus-4-6"}"#;
const SECOND: &str = r#"{"data":[{"type":"model","id":"claude-sonnet-5-5","display_name":"Claude Sonnet 5.5","created_at":"2026-01-01T00:00:00Z"}],"has_more":false,"first_id":"claude-sonnet-5-5","last_id":"claude-sonnet-5-5"}"#;

#[tokio::test]
async fn every_page_is_followed_by_after_id() {
    let server = ReplayServer::start(vec![Reply::json(200, FIRST), Reply::json(200, SECOND)]).await;
    let models = client(&server, Duration::from_secs(5))
        .list_models()
        .await
        .unwrap();
    let listed = |id: &str| ListedModel {
        id: id.to_owned(),
        chat: true,
        embed: false,
    };
    assert_eq!(
        models,
        [
            listed("claude-sonnet-4-6"),
            listed("claude-opus-4-6"),
            listed("claude-sonnet-5-5")
        ]
    );

    let requests = server.recorded();
    assert_eq!(requests.len(), 2);
    assert!(
        requests
            .iter()
            .all(|request| request.method == "GET" && request.path == "/v1/models")
    );
    assert_eq!(requests[0].query.as_deref(), Some("limit=1000"));
    assert_eq!(
        requests[1].query.as_deref(),
        Some("limit=1000&after_id=claude-opus-4-6")
    );
    for request in &requests {
        assert_eq!(request.header("x-api-key"), Some(KEY));
        assert_eq!(request.header("anthropic-version"), Some("2023-06-01"));
    }
}

#[tokio::test]
async fn has_more_without_a_new_last_id_stops_as_malformed() {
    let stuck = r#"{"data":[],"has_more":true,"first_id":null,"last_id":null}"#;
    let server = ReplayServer::start(vec![Reply::json(200, stuck)]).await;
    let error = client(&server, Duration::from_secs(5))
        .list_models()
        .await
        .unwrap_err();
    assert_eq!(error.kind, ProviderErrorKind::Malformed, "{error}");
    assert_eq!(server.recorded().len(), 1);
}
