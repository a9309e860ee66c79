//! The request body: `max_tokens` always, `system` top-level, options mapped or refused (§4.1).

use std::time::Duration;

use proto::v1::{JobKind, JobSpec, ModelOptions};

use super::recorded::{DELTA_38, START, STOP};
use super::{chat_spec, client, stream_once};
use crate::backend::Tokens;
use crate::providers::replay_server::{ReplayServer, Reply};
use crate::providers::{ProviderApi, ProviderErrorKind};

#[tokio::test]
async fn num_predict_and_temperature_are_sent_and_seed_is_not() {
    let spec = JobSpec {
        kind: JobKind::Generate as i32,
        model: "claude-sonnet-4-6".to_owned(),
        system: "Be brief".to_owned(),
        prompt: "Why is the sky blue?".to_owned(),
        options: Some(ModelOptions {
            num_predict: Some(300),
            temperature: Some(0.2),
            seed: Some(7),
            ..ModelOptions::default()
        }),
        ..JobSpec::default()
    };
    let (outcome, _, server) =
        stream_once(Reply::event_stream(&[START, DELTA_38, STOP]), &spec).await;
    outcome.unwrap();
    let body = server.only_request().json();
    assert_eq!(body["max_tokens"], 300);
    assert_eq!(body["temperature"], 0.2);
    assert_eq!(body["system"], "Be brief");
    assert_eq!(
        body["messages"],
        serde_json::json!([{"role": "user", "content": "Why is the sky blue?"}])
    );
    assert!(body.get("seed").is_none(), "{body}");
}

#[tokio::test]
async fn json_format_and_embed_are_unsupported_without_a_request() {
    let server = ReplayServer::start(Vec::new()).await;
    let anthropic = client(&server, Duration::from_secs(5));
    let mut spec = chat_spec("m");
    spec.options = Some(ModelOptions {
        format: Some("json".to_owned()),
        ..ModelOptions::default()
    });
    let (mut tokens, _updates) = Tokens::for_tests("job-1");
    let format = anthropic
        .stream(&spec, &mut tokens)
        .await
        .unwrap()
        .unwrap_err();
    assert_eq!(format.kind, ProviderErrorKind::Unsupported);
    let embed = anthropic
        .embed(&JobSpec {
            kind: JobKind::Embed as i32,
            ..JobSpec::default()
        })
        .await;
    assert_eq!(embed.unwrap_err().kind, ProviderErrorKind::Unsupported);
    assert!(server.recorded().is_empty());
}

#[tokio::test]
async fn stop_sequences_and_top_p_are_sent_only_when_set() {
    let mut spec = chat_spec("claude-sonnet-4-6");
    spec.options = Some(ModelOptions {
        stop: vec!["END".to_owned()],
        top_p: Some(0.7),
        ..ModelOptions::default()
    });
    let (outcome, _, server) =
        stream_once(Reply::event_stream(&[START, DELTA_38, STOP]), &spec).await;
    outcome.unwrap();
    let body = server.only_request().json();
    assert_eq!(body["stop_sequences"], serde_json::json!(["END"]));
    assert_eq!(body["top_p"], 0.7);
    spec.options = None;
    let (outcome, _, server) =
        stream_once(Reply::event_stream(&[START, DELTA_38, STOP]), &spec).await;
    outcome.unwrap();
    let body = server.only_request().json();
    assert!(
        body.get("stop_sequences").is_none() && body.get("top_p").is_none(),
        "{body}"
    );
}
