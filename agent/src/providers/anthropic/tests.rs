//! The Anthropic client against a stand-in serving the recorded bytes and error bodies of
//! `research/providers.md` §4 over loopback HTTP.

mod errors;
mod fuzz;
mod list_models;
mod recorded;
mod request;
mod stream;
mod usage;

use std::time::Duration;

use proto::v1::{ChatMessage, JobKind, JobSpec, ModelOptions};
use settings::Secret;

use super::AnthropicClient;
use crate::backend::Tokens;
use crate::providers::replay_server::{ReplayServer, Reply};
use crate::providers::{Completion, ProviderApi, ProviderError, ProviderSettings};

/// Distinctive, so a test can prove it never shows in an error.
const KEY: &str = "sk-ant-TESTKEY-c0ffee-never-print-me";

fn client(server: &ReplayServer, request_timeout: Duration) -> AnthropicClient {
    AnthropicClient::new(ProviderSettings {
        base_url: format!("{}/v1", server.url),
        api_key: Secret::new(KEY),
        request_timeout,
        max_tokens_default: 8192,
    })
    .unwrap()
}

fn chat_spec(model: &str) -> JobSpec {
    JobSpec {
        kind: JobKind::Chat as i32,
        model: model.to_owned(),
        messages: vec![
            ChatMessage {
                role: "system".to_owned(),
                content: "You are a helpful assistant".to_owned(),
            },
            ChatMessage {
                role: "user".to_owned(),
                content: "Say hi in Portuguese".to_owned(),
            },
        ],
        options: Some(ModelOptions::default()),
        ..JobSpec::default()
    }
}

/// Streams `spec` against one scripted reply; returns the outcome and the text sent.
async fn stream_once(
    reply: Reply,
    spec: &JobSpec,
) -> (Result<Completion, ProviderError>, String, ReplayServer) {
    let server = ReplayServer::start(vec![reply]).await;
    let anthropic = client(&server, Duration::from_secs(5));
    let (mut tokens, mut updates) = Tokens::for_tests("job-1");
    let outcome = anthropic.stream(spec, &mut tokens).await.unwrap();
    drop(tokens);
    let text = crate::backend::sent_text(&mut updates).await;
    (outcome, text, server)
}
