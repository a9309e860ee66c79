//! Tests of the `rate_limit` module.

use super::*;

fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.insert(*name, value.parse().unwrap());
    }
    map
}

#[test]
fn the_body_retry_after_is_fractional_seconds() {
    let body =
        br#"{"message": "You are being rate limited.", "retry_after": 1.5, "global": false}"#;
    assert_eq!(
        retry_after(&HeaderMap::new(), body),
        Duration::from_millis(1500)
    );
}

#[test]
fn the_longest_of_body_and_headers_wins() {
    let body = br#"{"retry_after": 0.25}"#;
    let map = headers(&[("retry-after", "1"), ("x-ratelimit-reset-after", "2.75")]);
    assert_eq!(retry_after(&map, body), Duration::from_millis(2750));
    let map = headers(&[("retry-after", "3")]);
    assert_eq!(retry_after(&map, body), Duration::from_secs(3));
}

#[test]
fn nonsense_is_ignored_and_nothing_means_the_default() {
    let map = headers(&[("retry-after", "Wed, 21 Oct 2026 07:28:00 GMT")]);
    assert_eq!(retry_after(&map, b"not json"), DEFAULT_RATE_LIMIT_WAIT);
    let huge = br#"{"retry_after": 1e300}"#;
    assert_eq!(
        retry_after(&HeaderMap::new(), huge),
        LONGEST_BELIEVABLE_WAIT
    );
    let negative = br#"{"retry_after": -4}"#;
    assert_eq!(
        retry_after(&HeaderMap::new(), negative),
        DEFAULT_RATE_LIMIT_WAIT
    );
}

#[test]
fn an_empty_bucket_pauses_until_its_reset() {
    let empty = headers(&[
        ("x-ratelimit-remaining", "0"),
        ("x-ratelimit-reset-after", "1.2"),
    ]);
    assert_eq!(
        pause_after_success(&empty),
        Some(Duration::from_millis(1200))
    );
    let left = headers(&[
        ("x-ratelimit-remaining", "3"),
        ("x-ratelimit-reset-after", "1.2"),
    ]);
    assert_eq!(pause_after_success(&left), None);
    assert_eq!(pause_after_success(&HeaderMap::new()), None);
}
