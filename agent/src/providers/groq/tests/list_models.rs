//! Groq's model list (§2.5): present and not `active: false` can serve chat.

use std::time::Duration;

use super::{KEY, client};
use crate::providers::replay_server::{ReplayServer, Reply};
use crate::providers::{ListedModel, ProviderApi, ProviderErrorKind};

#[tokio::test]
async fn listed_models_are_chat_unless_inactive() {
    let body = r#"{"object":"list","data":[
        { "id": "qwen/qwen3-32b", "object": "model", "created": 1748396646, "owned_by": "Alibaba Cloud", "active": true, "context_window": 131072, "public_apps": null, "max_completion_tokens": 40960 },
        { "id": "llama-3.3-70b-versatile", "object": "model", "created": 1, "owned_by": "Meta", "active": false },
        { "id": "openai/gpt-oss-120b", "object": "model", "created": 2, "owned_by": "OpenAI" }
    ]}"#;
    let server = ReplayServer::start(vec![Reply::json(200, body)]).await;
    let models = client(&server, Duration::from_secs(5))
        .list_models()
        .await
        .unwrap();
    let listed = |id: &str, chat| ListedModel {
        id: id.to_owned(),
        chat,
        embed: false,
    };
    assert_eq!(
        models,
        [
            listed("qwen/qwen3-32b", true),
            listed("llama-3.3-70b-versatile", false),
            listed("openai/gpt-oss-120b", true)
        ]
    );
    let request = server.only_request();
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("GET", "/openai/v1/models")
    );
    assert_eq!(
        request.header("authorization"),
        Some(format!("Bearer {KEY}").as_str())
    );
}

#[tokio::test]
async fn a_list_that_is_not_groqs_shape_is_malformed() {
    let server = ReplayServer::start(vec![Reply::json(200, r#"{"models":[]}"#)]).await;
    let error = client(&server, Duration::from_secs(5))
        .list_models()
        .await
        .unwrap_err();
    assert_eq!(error.kind, ProviderErrorKind::Malformed, "{error}");
}
