//! Tests of the `routes` module.

use super::*;

#[test]
fn htmx_posts_get_no_content_and_forms_a_redirect() {
    let mut headers = HeaderMap::new();
    assert_eq!(after_post(&headers, "/").status(), StatusCode::SEE_OTHER);
    headers.insert("hx-request", "true".parse().unwrap());
    assert_eq!(after_post(&headers, "/").status(), StatusCode::NO_CONTENT);
}

#[test]
fn query_values_are_percent_encoded() {
    assert_eq!(query_value("qwen2.5:14b"), "qwen2.5%3A14b");
    assert_eq!(query_value("a b&c"), "a%20b%26c");
}
