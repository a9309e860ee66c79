//! The chat page: the list of kept conversations, the open conversation's turns (each answer
//! followed by what memory gave it), and the composer (model picker, "use memory" switch,
//! message, send).

use maud::{Markup, html};

use super::chat_turn::{answer_turn, user_turn};
use super::memory_turn::memory_turn;
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
                                Turn::Assistant(answer) => {
                                    (answer_turn(answer))
                                    (memory_turn(&answer.job_id, &answer.memory))
                                }
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
            (memory_switch(chat.open.is_some_and(|conversation| conversation.use_memory)))
            div.field {
                label for="message" { "Message" }
                textarea #message name="message" rows="3" required autofocus
                    placeholder="Ask something… (Ctrl+Enter sends)" {}
            }
            button #send type="submit" { "Send" }
        }
    }
}

/// Off for a new chat; a kept conversation starts on what its last message used.
fn memory_switch(on: bool) -> Markup {
    html! {
        div.switch {
            input #use-memory type="checkbox" name="memory" value="on" checked[on]
                aria-describedby="use-memory-hint";
            label for="use-memory" { "Use memory" }
            span.hint #use-memory-hint { "answer from your notes and cite them" }
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
mod tests;
