//! The client as a whole: the key only in its header, timeouts, an unreachable API, and no
//! error that shows the key.

use std::time::Duration;

use settings::Secret;

use super::chat_spec;
use super::fake_gemini::{Answer, FakeGemini, KEY, settings};
use super::recordings::{API_KEY_INVALID, QUOTA_EXHAUSTED, SINGLE_CHUNK, text_chunk};
use crate::backend::Tokens;
use crate::providers::{GeminiClient, ProviderApi, ProviderError, ProviderErrorKind};

async fn stream_once(client: &GeminiClient) -> ProviderError {
    let (mut tokens, _updates) = Tokens::for_tests("job-1");
    let spec = chat_spec("models/gemini-2.5-flash", &[("user", "hi")]);
    client
        .stream(&spec, &mut tokens)
        .await
        .unwrap()
        .unwrap_err()
}

#[tokio::test]
async fn a_rate_limit_over_http_carries_its_wait_and_daily_quota() {
    let fake = FakeGemini::start(vec![Answer::Status(429, QUOTA_EXHAUSTED.into())]).await;
    let error = stream_once(&fake.client()).await;
    assert_eq!(
        error.kind,
        ProviderErrorKind::RateLimited {
            retry_after: Some(Duration::from_secs(41))
        }
    );
    assert_eq!(error.status, Some(429));
    assert!(
        error.limits.iter().any(|(name, _)| name.contains("PerDay")),
        "{:?}",
        error.limits
    );
}

#[tokio::test]
async fn a_bad_key_over_http_is_rejected_and_the_key_went_only_in_its_header() {
    let fake = FakeGemini::start(vec![Answer::Status(400, API_KEY_INVALID.into())]).await;
    let error = stream_once(&fake.client()).await;
    assert_eq!(error.kind, ProviderErrorKind::KeyRejected);
    let recorded = &fake.recorded()[0];
    assert_eq!(recorded.api_key.as_deref(), Some(KEY));
    assert!(!recorded.path_and_query.contains(KEY));
    assert!(!recorded.path_and_query.contains("key="));
}

#[tokio::test]
async fn no_answer_within_the_request_timeout_is_a_timeout() {
    let fake = FakeGemini::start(vec![Answer::Silence(Duration::from_secs(3))]).await;
    let started = tokio::time::Instant::now();
    let error = stream_once(&fake.client_with_timeout(Duration::from_millis(200))).await;
    assert_eq!(error.kind, ProviderErrorKind::Timeout);
    assert!(
        error.message.contains("request_timeout"),
        "{}",
        error.message
    );
    assert!(error.message.contains("200ms"), "{}", error.message);
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn a_stream_gone_silent_times_out_with_its_partial_usage() {
    let fake = FakeGemini::start(vec![Answer::StreamThenStall(vec![text_chunk("Ol", 4)])]).await;
    let error = stream_once(&fake.client_with_timeout(Duration::from_millis(200))).await;
    assert_eq!(error.kind, ProviderErrorKind::Timeout);
    assert_eq!(error.partial_usage.unwrap().output_tokens, Some(4));
}

#[tokio::test]
async fn a_connection_left_open_after_the_final_chunk_still_completes_the_answer() {
    let fake = FakeGemini::start(vec![Answer::StreamThenStall(vec![SINGLE_CHUNK.into()])]).await;
    let client = fake.client_with_timeout(Duration::from_millis(200));
    let (mut tokens, _updates) = Tokens::for_tests("job-1");
    let spec = chat_spec("models/gemini-2.5-flash", &[("user", "hi")]);
    let completion = client.stream(&spec, &mut tokens).await.unwrap().unwrap();
    assert_eq!(completion.stop_reason, "STOP");
    assert_eq!(completion.usage.output_tokens, Some(23));
}

#[tokio::test]
async fn a_closed_port_is_unreachable() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let client = GeminiClient::new(settings(
        &format!("http://{address}/v1beta"),
        Duration::from_secs(2),
    ))
    .unwrap();
    let error = client.list_models().await.unwrap_err();
    assert_eq!(error.kind, ProviderErrorKind::Unreachable);
}

#[test]
fn a_key_no_header_can_carry_is_refused_without_showing_it() {
    let mut bad = settings("http://127.0.0.1:9/v1beta", Duration::from_secs(1));
    bad.api_key = Secret::new("AIza\nsecret-part");
    let error = GeminiClient::new(bad).unwrap_err();
    assert_eq!(error.kind, ProviderErrorKind::KeyRejected);
    assert!(!format!("{error} {error:?}").contains("secret-part"));
}

#[tokio::test]
async fn no_error_shows_the_key() {
    let echoing = format!(
        r#"{{"error":{{"code":429,"message":"quota spent, see https://ai.dev/usage?key={KEY}","status":"RESOURCE_EXHAUSTED"}}}}"#
    );
    let fake = FakeGemini::start(vec![
        Answer::Status(400, API_KEY_INVALID.into()),
        Answer::Status(429, echoing),
        Answer::Status(500, format!("<html>{KEY}</html>")),
        Answer::Stream(vec![format!("data: {{\"error\": {{\"code\": 500, \"message\": \"{KEY}\", \"status\": \"INTERNAL\"}}}}\r\n\r\n")]),
        Answer::Silence(Duration::from_secs(3)),
        Answer::Status(400, API_KEY_INVALID.into()),
    ])
    .await;
    let client = fake.client_with_timeout(Duration::from_millis(200));
    let mut errors = Vec::new();
    for _ in 0..5 {
        errors.push(stream_once(&client).await);
    }
    errors.push(client.list_models().await.unwrap_err());
    for error in &errors {
        let shown = format!("{error} {error:?}");
        assert!(!shown.contains(KEY), "{shown}");
    }
    assert!(format!("{client:?}").contains("***") && !format!("{client:?}").contains(KEY));
}

#[test]
fn the_client_names_its_vendor_and_api_version() {
    let client = GeminiClient::new(settings(
        "http://127.0.0.1:9/v1beta/",
        Duration::from_secs(1),
    ))
    .unwrap();
    assert_eq!(
        (client.vendor(), client.api_version()),
        ("gemini", "v1beta")
    );
}
