//! Anthropic's error answers, verbatim from §4.4, classified as §6 says.

use std::time::Duration;

use super::{KEY, chat_spec, stream_once};
use crate::providers::ProviderErrorKind;
use crate::providers::replay_server::Reply;

const TOO_LONG: &str = r#"{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 205351 tokens > 200000 maximum"},"request_id":"req_011CV5J4YZo4J3KLTDZgDN7S"}"#;
const BAD_KEY: &str =
    r#"{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}"#;
const NOT_FOUND: &str = r#"{"type":"error","error":{"type":"not_found_error","message":"model: claude-3-5-sonnet-20241022"},"request_id":"req_011CV2oMECq8XQSX9u5puh92"}"#;
const RATE_LIMITED: &str = r#"{"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed the rate limit for your organization (0b5e7a1c) of 30,000 input tokens per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later."},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}"#;
const OVERLOADED: &str =
    r#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#;

#[tokio::test]
async fn a_529_is_an_overload() {
    let (outcome, _, _server) = stream_once(Reply::json(529, OVERLOADED), &chat_spec("m")).await;
    let error = outcome.unwrap_err();
    assert_eq!(error.kind, ProviderErrorKind::Overloaded);
    assert_eq!(
        (error.status, error.error_type.as_str()),
        (Some(529), "overloaded_error")
    );
}

#[tokio::test]
async fn a_429_waits_as_retry_after_says_and_keeps_the_limit_headers_and_request_id() {
    let reply = Reply::json(429, RATE_LIMITED)
        .with_header("retry-after", "1.5")
        .with_header("anthropic-ratelimit-input-tokens-limit", "30000")
        .with_header("anthropic-ratelimit-input-tokens-remaining", "0")
        .with_header(
            "anthropic-ratelimit-input-tokens-reset",
            "2025-08-21T12:40:59Z",
        )
        .with_header("request-id", "req_011CSHoEeqs5C35K2UUqR7Fy");
    let (outcome, _, _server) = stream_once(reply, &chat_spec("m")).await;
    let error = outcome.unwrap_err();
    let wait = Some(Duration::from_millis(1500));
    assert_eq!(
        error.kind,
        ProviderErrorKind::RateLimited { retry_after: wait }
    );
    assert_eq!(error.error_type, "rate_limit_error");
    let limits: Vec<(&str, &str)> = error
        .limits
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        limits,
        [
            ("anthropic-ratelimit-input-tokens-limit", "30000"),
            ("anthropic-ratelimit-input-tokens-remaining", "0"),
            (
                "anthropic-ratelimit-input-tokens-reset",
                "2025-08-21T12:40:59Z"
            ),
            ("request-id", "req_011CSHoEeqs5C35K2UUqR7Fy"),
        ]
    );
}

#[tokio::test]
async fn statuses_map_to_what_the_backend_does_about_them() {
    let cases = [
        (404, NOT_FOUND, ProviderErrorKind::ModelGone),
        (400, TOO_LONG, ProviderErrorKind::BadRequest),
        (
            413,
            r#"{"type":"error","error":{"type":"request_too_large","message":"Request exceeds the maximum allowed number of bytes."}}"#,
            ProviderErrorKind::BadRequest,
        ),
        (
            500,
            r#"{"type":"error","error":{"type":"api_error","message":"Internal server error"}}"#,
            ProviderErrorKind::Overloaded,
        ),
        (
            404,
            "<html>404 Not Found</html>",
            ProviderErrorKind::BadRequest,
        ),
        (
            429,
            RATE_LIMITED,
            ProviderErrorKind::RateLimited { retry_after: None },
        ),
    ];
    for (status, body, kind) in cases {
        let (outcome, _, _server) = stream_once(Reply::json(status, body), &chat_spec("m")).await;
        let error = outcome.unwrap_err();
        assert_eq!(error.kind, kind, "{status} {body}");
        assert_eq!(error.status, Some(status));
    }
}

#[tokio::test]
async fn a_rejected_key_never_shows_the_key() {
    let echoed = BAD_KEY.replace("invalid x-api-key", &format!("invalid x-api-key {KEY}"));
    for status in [401, 403] {
        let (outcome, _, server) = stream_once(Reply::json(status, &echoed), &chat_spec("m")).await;
        let error = outcome.unwrap_err();
        assert_eq!(error.kind, ProviderErrorKind::KeyRejected);
        assert_eq!(error.error_type, "authentication_error");
        assert_eq!(error.message, "invalid x-api-key ***");
        for shown in [error.to_string(), format!("{error:?}")] {
            assert!(!shown.contains(KEY), "the key leaked: {shown}");
        }
        let request = server.only_request();
        assert!(!request.path.contains(KEY) && request.query.is_none());
    }
}
