//! Groq's error answers, verbatim from §2.4, classified as §6 says.

use std::time::Duration;

use super::{KEY, chat_spec, client, stream_once};
use crate::providers::ProviderErrorKind;
use crate::providers::groq::errors::{parse_go_duration, retry_after_in_message};
use crate::providers::replay_server::{ReplayServer, Reply};

const RATE_LIMITED: &str = r#"{"error":{"message":"Rate limit reached for model gemma2-9b-it in organization ... service tier on_demand on tokens per minute (TPM): Limit 15000, Used 11972, Requested 4351. Please try again in 5.289s. Visit https://console.groq.com/docs/rate-limits for more information.","type":"tokens","code":"rate_limit_exceeded"}}"#;
const TOO_LARGE: &str = r#"{"error":{"message":"Request too large for model `openai/gpt-oss-120b` in organization `org_abc` service tier `on_demand` on tokens per minute (TPM): Limit 8000, Requested 11881, Please reduce your message size and try again. Need more tokens? Upgrade to Dev Tier today at https://console.groq.com/settings/billing","type":"tokens","code":"rate_limit_exceeded"}}"#;
const NOT_FOUND: &str = r#"{"error":{"message":"The model `llama-3.3-70b-versatile` does not exist or you do not have access to it.","type":"invalid_request_error","code":"model_not_found"}}"#;
const DECOMMISSIONED: &str = r#"{"error":{"message":"The model `qwen-qwq-32b` has been decommissioned and is no longer supported. Please refer to https://console.groq.com/docs/deprecations for a recommendation on which model to use instead.","type":"invalid_request_error","code":"model_decommissioned"}}"#;
const BAD_KEY: &str = r#"{"error":{"message":"Invalid API Key","type":"invalid_request_error","code":"invalid_api_key"}}"#;

fn with_rate_headers(reply: Reply) -> Reply {
    reply
        .with_header("x-ratelimit-limit-requests", "14400")
        .with_header("x-ratelimit-limit-tokens", "18000")
        .with_header("x-ratelimit-remaining-requests", "14370")
        .with_header("x-ratelimit-remaining-tokens", "17997")
        .with_header("x-ratelimit-reset-requests", "2m59.56s")
        .with_header("x-ratelimit-reset-tokens", "7.66s")
}

#[tokio::test]
async fn a_429_waits_as_retry_after_says_and_keeps_every_rate_limit_header() {
    let reply = with_rate_headers(Reply::json(429, RATE_LIMITED).with_header("retry-after", "2"));
    let (outcome, _, _server) = stream_once(reply, &chat_spec("gemma2-9b-it")).await;
    let error = outcome.unwrap_err();
    assert_eq!(
        error.kind,
        ProviderErrorKind::RateLimited {
            retry_after: Some(Duration::from_secs(2))
        }
    );
    assert_eq!(error.status, Some(429));
    assert_eq!(
        (error.error_type.as_str(), error.code.as_str()),
        ("tokens", "rate_limit_exceeded")
    );
    assert!(
        error.message.contains("Please try again in 5.289s"),
        "{error}"
    );
    let limits: Vec<(&str, &str)> = error
        .limits
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        limits,
        [
            ("x-ratelimit-limit-requests", "14400"),
            ("x-ratelimit-limit-tokens", "18000"),
            ("x-ratelimit-remaining-requests", "14370"),
            ("x-ratelimit-remaining-tokens", "17997"),
            ("x-ratelimit-reset-requests", "2m59.56s"),
            ("x-ratelimit-reset-tokens", "7.66s"),
        ]
    );
}

#[tokio::test]
async fn a_429_without_retry_after_waits_as_its_message_says() {
    let (outcome, _, _server) = stream_once(Reply::json(429, RATE_LIMITED), &chat_spec("m")).await;
    let wait = Duration::from_millis(5289);
    assert_eq!(
        outcome.unwrap_err().kind,
        ProviderErrorKind::RateLimited {
            retry_after: Some(wait)
        }
    );
}

#[test]
fn waits_in_messages_and_go_durations_parse() {
    let daily = "Limit 200000, Used 197117, Requested 4254. Please try again in 9m52.272s. Visit …";
    assert_eq!(
        retry_after_in_message(daily),
        Some(Duration::from_millis(592_272))
    );
    assert_eq!(retry_after_in_message("no hint here"), None);
    assert_eq!(
        parse_go_duration("2m59.56s"),
        Some(Duration::from_millis(179_560))
    );
    assert_eq!(parse_go_duration("1h2m"), Some(Duration::from_secs(3720)));
    assert_eq!(parse_go_duration("250ms"), Some(Duration::from_millis(250)));
    assert_eq!(parse_go_duration("5 s"), None);
    assert_eq!(parse_go_duration(""), None);
}

#[tokio::test]
async fn a_413_over_the_tokens_per_minute_is_a_rate_limit() {
    let (outcome, _, _server) = stream_once(Reply::json(413, TOO_LARGE), &chat_spec("m")).await;
    let error = outcome.unwrap_err();
    assert_eq!(
        error.kind,
        ProviderErrorKind::RateLimited { retry_after: None }
    );
    assert_eq!(error.status, Some(413));
    assert_eq!(error.code, "rate_limit_exceeded");
}

#[tokio::test]
async fn a_missing_or_decommissioned_model_is_gone() {
    for (status, body) in [(404, NOT_FOUND), (400, DECOMMISSIONED)] {
        let (outcome, _, _server) = stream_once(Reply::json(status, body), &chat_spec("m")).await;
        let error = outcome.unwrap_err();
        assert_eq!(
            error.kind,
            ProviderErrorKind::ModelGone,
            "{status}: {error}"
        );
        assert_eq!(error.status, Some(status));
    }
}

#[tokio::test]
async fn overloads_and_bad_requests_are_told_apart() {
    let plain_400 =
        r#"{"error":{"message":"'messages' must be an array","type":"invalid_request_error"}}"#;
    let cases = [
        (
            498,
            r#"{"error":{"message":"flex capacity exceeded","type":"capacity_exceeded"}}"#,
            ProviderErrorKind::Overloaded,
        ),
        (
            503,
            "<html>Service Unavailable</html>",
            ProviderErrorKind::Overloaded,
        ),
        (500, "{}", ProviderErrorKind::Overloaded),
        (400, plain_400, ProviderErrorKind::BadRequest),
        (422, plain_400, ProviderErrorKind::BadRequest),
    ];
    for (status, body, kind) in cases {
        let (outcome, _, _server) = stream_once(Reply::json(status, body), &chat_spec("m")).await;
        assert_eq!(outcome.unwrap_err().kind, kind, "{status} {body}");
    }
}

#[tokio::test]
async fn an_unparsable_body_keeps_its_first_300_characters() {
    let body = format!("<html>{}</html>", "x".repeat(500));
    let (outcome, _, _server) = stream_once(Reply::json(502, &body), &chat_spec("m")).await;
    let error = outcome.unwrap_err();
    assert_eq!(error.kind, ProviderErrorKind::Overloaded);
    assert_eq!(error.message, body.chars().take(300).collect::<String>());
}

#[tokio::test]
async fn a_rejected_key_never_shows_the_key() {
    let echoed = BAD_KEY.replace("Invalid API Key", &format!("Invalid API Key {KEY}"));
    for status in [401, 403] {
        let (outcome, _, server) = stream_once(Reply::json(status, &echoed), &chat_spec("m")).await;
        let error = outcome.unwrap_err();
        assert_eq!(error.kind, ProviderErrorKind::KeyRejected);
        assert_eq!(error.code, "invalid_api_key");
        assert!(error.message.contains("Invalid API Key ***"), "{error}");
        for shown in [error.to_string(), format!("{error:?}")] {
            assert!(!shown.contains(KEY), "the key leaked: {shown}");
        }
        let request = server.only_request();
        assert!(!request.path.contains(KEY) && request.query.is_none());
    }
}

#[tokio::test]
async fn a_closed_port_is_unreachable() {
    let server = ReplayServer::start(Vec::new()).await;
    let mut groq = client(&server, Duration::from_secs(2));
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    groq.base_url = format!("http://{}/openai/v1", listener.local_addr().unwrap());
    drop(listener);
    let error = crate::providers::ProviderApi::list_models(&groq)
        .await
        .unwrap_err();
    assert_eq!(error.kind, ProviderErrorKind::Unreachable, "{error}");
}
