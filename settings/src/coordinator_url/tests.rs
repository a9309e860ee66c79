//! Tests of the `coordinator_url` module.

use super::*;

#[test]
fn a_bare_host_and_port_gets_http() {
    assert_eq!(
        normalized_coordinator_url("vps:7070").unwrap(),
        "http://vps:7070"
    );
    assert_eq!(
        normalized_coordinator_url(" http://127.0.0.1:7070 ").unwrap(),
        "http://127.0.0.1:7070"
    );
}

#[test]
fn unusable_urls_are_refused_with_the_reason() {
    for (url, problem) in [
        ("", "empty"),
        ("https://vps:7070", "https"),
        ("ftp://vps", "expected http"),
        ("http://", "expected http"),
    ] {
        let error = normalized_coordinator_url(url).unwrap_err();
        assert!(error.contains(problem), "{url}: {error}");
    }
}
