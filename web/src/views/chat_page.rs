//! The chat page: the list of kept conversations, the open conversation's turns, and the
//! composer (model picker, message, send).

use maud::{Markup, html};

use super::chat_turn::{answer_turn, user_turn};
use super::model_picker::model_picker;
use crate::cluster_feed::ClusterView;
use crate::conversations::{Conversation, Turn};

pub struct ChatPage<'a> {
    pub recent: &'a [Conversation],
    pub open: Option<&'a Conversation>,
    pub view: &'a ClusterView,
    /// The model the picker starts on.
    pub chosen: Option<&'a str>,
}

pub fn chat_page_body(chat: &ChatPage<'_>) -> Markup {
    let open_id = chat.open.map(|conversation| conversation.id.as_str());
    html! {
        div.chat-layout {
            nav.conversations aria-label="Conversations" {
                a.button.secondary href="/chat" { "New chat" }
                @if chat.recent.is_empty() {
                    p.empty { "No conversations yet." }
                }
                ul {
                    @for conversation in chat.recent {
                        @let current = open_id == Some(conversation.id.as_str());
                        li { a href={"/chat/" (conversation.id)} aria-current=[current.then_some("page")] {
                            (title_of(conversation))
                        } }
                    }
                }
            }
            section.conversation aria-labelledby="conversation-title" {
                h1 #conversation-title { (chat.open.map(title_of).unwrap_or("New chat")) }
                ol.turns {
                    @if let Some(conversation) = chat.open {
                        @for turn in &conversation.turns {
                            @match turn {
                                Turn::User { content } => (user_turn(content)),
                                Turn::Assistant(answer) => (answer_turn(answer)),
                            }
                        }
                    }
                }
                (composer(chat, open_id))
            }
        }
    }
}

fn composer(chat: &ChatPage<'_>, open_id: Option<&str>) -> Markup {
    html! {
        form.composer method="post" action="/chat" {
            @if let Some(id) = open_id { input type="hidden" name="conversation" value=(id); }
            (model_picker(chat.view, chat.chosen))
            div.field {
                label for="message" { "Message" }
                textarea #message name="message" rows="3" required autofocus
                    placeholder="Ask something… (Ctrl+Enter sends)" {}
            }
            button #send type="submit" { "Send" }
        }
    }
}

fn title_of(conversation: &Conversation) -> &str {
    if conversation.title.is_empty() {
        "Untitled"
    } else {
        &conversation.title
    }
}

#[cfg(test)]
mod tests {
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
}
