//! `GET /chat/{id}`: a kept conversation. Answers whose jobs ended since are settled first (a
//! reload or a second device shows the final text); ones still running stream again.

use axum::extract::{Path, State};
use maud::Markup;

use crate::app_state::AppState;
use crate::chat_jobs::settle_pending_answers;
use crate::conversations::is_conversation_id;
use crate::page_error::PageError;
use crate::routes::get_chat::RECENT_CONVERSATIONS;
use crate::views::chat_page::{ChatPage, chat_page_body};
use crate::views::layout::{Section, page};

pub async fn get_conversation(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Markup, PageError> {
    let not_found = || PageError::NotFound(format!("no conversation {id}; start one from Chat"));
    if !is_conversation_id(&id) {
        return Err(not_found());
    }
    let conversation = {
        let _writing = state.conversations.writing().await;
        let mut conversation = state.conversations.get(&id).await?.ok_or_else(not_found)?;
        if settle_pending_answers(&state.coordinator, &mut conversation).await? {
            state.conversations.put(conversation.clone()).await?;
        }
        conversation
    };
    let view = state.current_view().await;
    let recent = state.conversations.recent(RECENT_CONVERSATIONS).await?;
    let chat = ChatPage {
        recent: &recent,
        open: Some(&conversation),
        view: &view,
        chosen: conversation.last_model(),
    };
    Ok(page(
        &conversation.title,
        Section::Chat,
        chat_page_body(&chat),
    ))
}

#[cfg(test)]
mod tests;
