//! `GET /chat`: a new chat, beside the list of kept conversations.

use axum::extract::State;
use maud::Markup;

use crate::app_state::AppState;
use crate::page_error::PageError;
use crate::views::chat_page::{ChatPage, chat_page_body};
use crate::views::layout::{Section, page};
use crate::views::model_picker::first_available;

/// How many conversations the list shows.
pub const RECENT_CONVERSATIONS: usize = 30;

pub async fn get_chat(State(state): State<AppState>) -> Result<Markup, PageError> {
    let view = state.current_view().await;
    let recent = state.conversations.recent(RECENT_CONVERSATIONS).await?;
    let chosen = first_available(&view);
    let chat = ChatPage {
        recent: &recent,
        open: None,
        view: &view,
        chosen: chosen.as_deref(),
    };
    Ok(page("Chat", Section::Chat, chat_page_body(&chat)))
}

#[cfg(test)]
mod tests;
