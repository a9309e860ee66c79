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
mod tests {
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
}
