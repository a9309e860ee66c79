//! Tests of the `access` module.

use super::*;

fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.insert(*name, value.parse().unwrap());
    }
    map
}

#[test]
fn the_token_is_accepted_as_bearer_or_basic_password_only() {
    let token = Secret::new("s3cret");
    let basic = |text: &str| {
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(text)
        )
    };
    assert!(presents_token(
        &headers(&[("authorization", "Bearer s3cret")]),
        &token
    ));
    assert!(presents_token(
        &headers(&[("authorization", &basic("me:s3cret"))]),
        &token
    ));
    assert!(presents_token(
        &headers(&[("authorization", &basic(":s3cret"))]),
        &token
    ));
    assert!(!presents_token(
        &headers(&[("authorization", &basic("s3cret:x"))]),
        &token
    ));
    assert!(!presents_token(
        &headers(&[("authorization", "Bearer s3cre")]),
        &token
    ));
    assert!(!presents_token(
        &headers(&[("authorization", "Basic !!")]),
        &token
    ));
    assert!(!presents_token(&headers(&[]), &token));
}

#[test]
fn only_state_changing_requests_from_elsewhere_are_refused() {
    let post = Method::POST;
    assert_eq!(
        cross_site_reason(&Method::GET, &headers(&[("sec-fetch-site", "cross-site")])),
        None
    );
    assert_eq!(
        cross_site_reason(&post, &headers(&[("sec-fetch-site", "same-origin")])),
        None
    );
    assert!(cross_site_reason(&post, &headers(&[("sec-fetch-site", "cross-site")])).is_some());
    assert!(cross_site_reason(&post, &headers(&[("sec-fetch-site", "same-site")])).is_some());
    let from = |origin: &str| headers(&[("origin", origin), ("host", "127.0.0.1:8000")]);
    assert_eq!(
        cross_site_reason(&post, &from("http://127.0.0.1:8000")),
        None
    );
    assert!(cross_site_reason(&post, &from("https://evil.example")).is_some());
    assert!(cross_site_reason(&post, &from("null")).is_some());
    assert_eq!(cross_site_reason(&post, &headers(&[])), None);
}
