//! The wait and the quota of a rate limit, from the body only.

use std::time::Duration;

use super::recordings::QUOTA_EXHAUSTED;
use crate::providers::gemini::quota::{limits, retry_after};
use crate::providers::gemini::wire::{ErrorEnvelope, ErrorStatus};

fn status_of(body: &str) -> ErrorStatus {
    serde_json::from_str::<ErrorEnvelope>(body).unwrap().error
}

#[test]
fn retry_info_gives_the_wait() {
    assert_eq!(
        retry_after(&status_of(QUOTA_EXHAUSTED)),
        Some(Duration::from_secs(41))
    );
}

#[test]
fn a_fractional_retry_delay_is_kept() {
    let body = r#"{"error":{"code":429,"message":"slow down","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"0.5s"}]}}"#;
    assert_eq!(
        retry_after(&status_of(body)),
        Some(Duration::from_millis(500))
    );
}

#[test]
fn without_retry_info_the_message_gives_the_wait() {
    let without_retry_info = QUOTA_EXHAUSTED.replace("RetryInfo", "SomethingElse");
    assert_eq!(
        retry_after(&status_of(&without_retry_info)),
        Some(Duration::from_millis(41_528))
    );
}

#[test]
fn no_hint_means_no_wait() {
    let body = r#"{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}"#;
    assert_eq!(retry_after(&status_of(body)), None);
}

#[test]
fn each_violated_quota_is_named_with_its_value() {
    assert_eq!(
        limits(&status_of(QUOTA_EXHAUSTED)),
        vec![(
            "GenerateRequestsPerDayPerProjectPerModel-FreeTier".to_owned(),
            "50".to_owned()
        )]
    );
}
