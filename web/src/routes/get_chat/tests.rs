//! Tests of the `get_chat` module.

use crate::test_support::TestApp;

#[tokio::test]
async fn the_picker_lists_every_model_and_disables_the_unavailable_one() {
    let app = TestApp::start().await;
    let (status, body) = app.get("/chat").await;
    assert_eq!(status, 200);
    assert!(
        body.contains(r#"<option value="gemma4:27b" disabled>gemma4:27b — unavailable: davas: agent down since 10:00:00 (41 s)</option>"#),
        "{body}"
    );
    // The first available model is the default; nothing else is chosen for the user.
    assert!(body.contains(r#"<option value="qwen2.5:14b" selected>"#));
    assert!(body.contains("No conversations yet."));
}

#[tokio::test]
async fn a_new_chat_has_the_memory_switch_off_with_its_label() {
    let app = TestApp::start().await;
    let (_, body) = app.get("/chat").await;
    assert!(
        body.contains(r#"<input id="use-memory" type="checkbox" name="memory" value="on" aria-describedby="use-memory-hint">"#),
        "{body}"
    );
    assert!(body.contains(r#"<label for="use-memory">Use memory</label>"#));
}
