//! Tests of the `stdio` module.

use super::*;

#[tokio::test]
async fn a_bad_coordinator_url_fails_before_stdin_is_touched() {
    let error = serve_stdio("https://vps:7070".into()).await.unwrap_err();
    assert!(
        matches!(error, McpError::InvalidCoordinatorUrl { .. }),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("https is not supported"),
        "{error}"
    );
}
