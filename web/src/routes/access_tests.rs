//! The access guard on real routes: the token as bearer or basic password, and cross-site
//! posts refused before they reach a handler.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use base64::Engine;

use crate::test_support::TestApp;

fn get_with(authorization: Option<&str>) -> Request<Body> {
    let mut request = Request::get("/");
    if let Some(value) = authorization {
        request = request.header(header::AUTHORIZATION, value);
    }
    request.body(Body::empty()).unwrap()
}

#[tokio::test]
async fn with_a_token_every_page_asks_for_it() {
    let app = TestApp::with_token(Some("s3cret")).await;
    let refused = app.send(get_with(None)).await;
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    assert!(
        refused.headers()[header::WWW_AUTHENTICATE]
            .to_str()
            .unwrap()
            .starts_with("Basic")
    );
    assert_eq!(
        app.send(get_with(Some("Bearer wrong"))).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.send(get_with(Some("Bearer s3cret"))).await.status(),
        StatusCode::OK
    );
    let basic = base64::engine::general_purpose::STANDARD.encode("anyone:s3cret");
    assert_eq!(
        app.send(get_with(Some(&format!("Basic {basic}"))))
            .await
            .status(),
        StatusCode::OK
    );
    let asset = Request::get("/assets/app.js").body(Body::empty()).unwrap();
    assert_eq!(app.send(asset).await.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn without_a_token_pages_are_open() {
    let app = TestApp::start().await;
    assert_eq!(app.send(get_with(None)).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_cross_site_post_changes_nothing() {
    let app = TestApp::start().await;
    let request = Request::post("/nodes/davas/draining")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "cross-site")
        .body(Body::from("draining=true"))
        .unwrap();
    assert_eq!(app.send(request).await.status(), StatusCode::FORBIDDEN);
    let request = Request::post("/jobs/J1/cancel")
        .header("origin", "https://elsewhere.example")
        .header("host", "127.0.0.1:8000")
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.send(request).await.status(), StatusCode::FORBIDDEN);
    assert!(app.coordinator.draining().is_empty() && app.coordinator.cancelled().is_empty());
}
