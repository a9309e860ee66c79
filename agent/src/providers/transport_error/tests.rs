//! The pure helpers the vendor clients share: key scrubbing, body snippets, `retry-after`.

use std::time::Duration;

use proto::v1::TokenUsage;
use reqwest::header::{HeaderMap, HeaderValue};
use settings::Secret;

use super::{body_snippet, headers_with_prefix, partial, redact, retry_after_seconds};

#[test]
fn the_key_is_scrubbed_wherever_it_appears_and_an_empty_key_scrubs_nothing() {
    let key = Secret::new("sk-secret");
    assert_eq!(
        redact("bad key sk-secret (sk-secret)", &key),
        "bad key *** (***)"
    );
    assert_eq!(
        redact("nothing to hide", &Secret::new("")),
        "nothing to hide"
    );
}

#[test]
fn a_snippet_keeps_300_characters_not_bytes() {
    let body = "é".repeat(400);
    assert_eq!(body_snippet(&body).chars().count(), 300);
    assert_eq!(body_snippet("short"), "short");
}

#[test]
fn retry_after_is_read_in_seconds_and_anything_else_is_ignored() {
    let with = |value: &'static str| {
        let mut headers = HeaderMap::new();
        headers.insert("retry-after", HeaderValue::from_static(value));
        retry_after_seconds(&headers)
    };
    assert_eq!(with("2"), Some(Duration::from_secs(2)));
    assert_eq!(with("0.5"), Some(Duration::from_millis(500)));
    assert_eq!(with("-1"), None);
    assert_eq!(with("Wed, 21 Oct 2015 07:28:00 GMT"), None);
    assert_eq!(retry_after_seconds(&HeaderMap::new()), None);
}

#[test]
fn headers_are_picked_by_prefix_in_order() {
    let mut headers = HeaderMap::new();
    headers.insert(
        "x-ratelimit-limit-tokens",
        HeaderValue::from_static("18000"),
    );
    headers.insert("content-type", HeaderValue::from_static("application/json"));
    headers.insert(
        "x-ratelimit-reset-tokens",
        HeaderValue::from_static("7.66s"),
    );
    let picked = headers_with_prefix(&headers, "x-ratelimit-");
    let names: Vec<&str> = picked.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        ["x-ratelimit-limit-tokens", "x-ratelimit-reset-tokens"]
    );
}

#[test]
fn usage_nobody_reported_is_no_partial_usage() {
    assert_eq!(partial(&TokenUsage::default()), None);
    let some = TokenUsage {
        input_tokens: Some(3),
        ..TokenUsage::default()
    };
    assert_eq!(partial(&some), Some(some));
}
