//! Tests of the `chat_page` module.

use super::*;

#[test]
fn the_open_conversation_is_marked_and_kept_when_sending() {
    let mut conversation = Conversation::new("c1".into(), 1);
    conversation.push_user_message("why is the sky blue?", 2);
    let recent = [conversation.clone()];
    let text = chat_page_body(&ChatPage {
        recent: &recent,
        open: Some(&conversation),
        view: &ClusterView::default(),
        chosen: None,
    })
    .into_string();
    assert!(
        text.contains(r#"<a href="/chat/c1" aria-current="page">why is the sky blue?</a>"#),
        "{text}"
    );
    assert!(text.contains(r#"<input type="hidden" name="conversation" value="c1">"#));
    assert!(text.contains(r#"<label for="message">Message</label>"#));
    assert!(text.contains(r#"<label for="model">Model</label>"#));
}
