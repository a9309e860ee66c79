//! Which `Authorization` headers present the token.

use axum::http::HeaderValue;

use super::*;

fn headers(value: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(header::AUTHORIZATION, HeaderValue::from_str(value).unwrap());
    headers
}

#[test]
fn only_the_bearer_token_itself_passes() {
    let token = Secret::new("s3cret");
    assert!(presents_bearer(&headers("Bearer s3cret"), &token));
    assert!(presents_bearer(&headers("bearer  s3cret "), &token));
    assert!(!presents_bearer(&headers("Bearer wrong"), &token));
    assert!(!presents_bearer(&headers("Basic s3cret"), &token));
    assert!(!presents_bearer(&headers("s3cret"), &token));
    assert!(!presents_bearer(&HeaderMap::new(), &token));
}
