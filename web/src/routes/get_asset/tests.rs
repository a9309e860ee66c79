//! Tests of the `get_asset` module.

use crate::test_support::TestApp;

#[tokio::test]
async fn assets_are_served_with_their_type_and_unknown_ones_are_not_found() {
    let app = TestApp::start().await;
    let (status, body) = app.get("/assets/htmx.min.js").await;
    assert_eq!(status, 200);
    assert!(body.contains("htmx"), "the vendored htmx is embedded");
    let (status, body) = app.get("/assets/style.css").await;
    assert_eq!(status, 200);
    assert!(body.contains(".matrix"));
    assert_eq!(app.get("/assets/../Cargo.toml").await.0, 404);
    assert_eq!(app.get("/assets/nope.js").await.0, 404);
}
