//! Each Gemini error body classified as the backend must act on it.

use std::time::Duration;

use settings::Secret;

use super::fake_gemini::KEY;
use super::recordings::{
    API_KEY_INVALID, GEO_BLOCKED, MODEL_NOT_FOUND, NO_KEY, OVERLOADED, QUOTA_EXHAUSTED,
};
use crate::providers::gemini::errors::{from_http, from_stream};
use crate::providers::gemini::wire::ErrorEnvelope;
use crate::providers::{ProviderError, ProviderErrorKind};

fn classify(status: u16, body: &str) -> ProviderError {
    from_http(status, body, &Secret::new(KEY))
}

#[test]
fn a_bad_key_is_a_400_named_api_key_invalid() {
    let error = classify(400, API_KEY_INVALID);
    assert_eq!(error.kind, ProviderErrorKind::KeyRejected);
    assert_eq!(error.status, Some(400));
    assert_eq!(error.error_type, "INVALID_ARGUMENT");
    assert_eq!(error.code, "API_KEY_INVALID");
    assert_eq!(
        error.message,
        "API key not valid. Please pass a valid API key."
    );
}

#[test]
fn no_key_is_a_rejected_key() {
    assert_eq!(classify(403, NO_KEY).kind, ProviderErrorKind::KeyRejected);
    assert_eq!(classify(401, "{}").kind, ProviderErrorKind::KeyRejected);
}

#[test]
fn an_unknown_model_is_gone() {
    let error = classify(404, MODEL_NOT_FOUND);
    assert_eq!(error.kind, ProviderErrorKind::ModelGone);
    assert_eq!(error.error_type, "NOT_FOUND");
}

#[test]
fn a_spent_quota_is_a_rate_limit_with_its_wait_and_daily_quota() {
    let error = classify(429, QUOTA_EXHAUSTED);
    assert_eq!(
        error.kind,
        ProviderErrorKind::RateLimited {
            retry_after: Some(Duration::from_secs(41))
        }
    );
    assert_eq!(error.error_type, "RESOURCE_EXHAUSTED");
    assert!(
        error
            .limits
            .iter()
            .any(|(name, value)| name.contains("PerDay") && value == "50"),
        "{:?}",
        error.limits
    );
}

#[test]
fn server_trouble_is_overload() {
    assert_eq!(
        classify(503, OVERLOADED).kind,
        ProviderErrorKind::Overloaded
    );
    assert_eq!(
        classify(500, r#"{"error":{"code":500,"message":"An internal error has occurred.","status":"INTERNAL"}}"#).kind,
        ProviderErrorKind::Overloaded
    );
}

#[test]
fn other_refusals_are_bad_requests() {
    let error = classify(400, GEO_BLOCKED);
    assert_eq!(error.kind, ProviderErrorKind::BadRequest);
    assert_eq!(error.error_type, "FAILED_PRECONDITION");
    let invalid = r#"{"error":{"code":400,"message":"Invalid JSON payload received.","status":"INVALID_ARGUMENT"}}"#;
    assert_eq!(classify(400, invalid).kind, ProviderErrorKind::BadRequest);
}

#[test]
fn an_unreadable_body_keeps_its_first_300_characters() {
    let body = format!("<html>{}</html>", "x".repeat(400));
    let error = classify(502, &body);
    assert_eq!(error.kind, ProviderErrorKind::Overloaded);
    assert_eq!(error.message.chars().count(), 300);
    assert!(error.message.starts_with("<html>xxx"));
}

#[test]
fn a_key_echoed_in_a_body_is_scrubbed() {
    let body = format!(
        r#"{{"error":{{"code":429,"message":"quota for key {KEY} spent, see https://x/?key={KEY}","status":"RESOURCE_EXHAUSTED"}}}}"#
    );
    let error = classify(429, &body);
    assert!(!format!("{error} {error:?}").contains(KEY), "{error:?}");
    assert!(error.message.contains("key *** spent"));
    let unreadable = classify(500, &format!("oops {KEY}"));
    assert!(!format!("{unreadable} {unreadable:?}").contains(KEY));
    // The key across the 300th character: no piece of it is kept.
    let straddling = classify(500, &format!("{}{KEY}", "x".repeat(290)));
    assert!(
        !straddling.message.contains(&KEY[..10]),
        "{}",
        straddling.message
    );
}

#[test]
fn a_stream_error_is_an_interruption_unless_quota_or_overload() {
    let parse = |body: &str| serde_json::from_str::<ErrorEnvelope>(body).unwrap().error;
    let key = Secret::new(KEY);
    let internal =
        r#"{"error":{"code":500,"message":"An internal error has occurred.","status":"INTERNAL"}}"#;
    let error = from_stream(&parse(internal), &key, None);
    assert_eq!(error.kind, ProviderErrorKind::Interrupted);
    assert_eq!(error.status, None);
    assert_eq!(error.code, "500");
    assert_eq!(
        from_stream(&parse(OVERLOADED), &key, None).kind,
        ProviderErrorKind::Overloaded
    );
    assert_eq!(
        from_stream(&parse(QUOTA_EXHAUSTED), &key, None).kind,
        ProviderErrorKind::RateLimited {
            retry_after: Some(Duration::from_secs(41))
        }
    );
}
