//! `POST /chat` (form `conversation`, `model`, `message`): adds the message to a conversation
//! (a new one when none is given) and asks the model with the whole history as a chat job.
//! The page it redirects to streams the answer; a rejection is kept with every node's reason.

use axum::Form;
use axum::extract::State;
use axum::response::Redirect;
use serde::Deserialize;

use crate::app_state::{AppState, now_ms};
use crate::chat_jobs::{ask, settle_pending_answers};
use crate::conversations::{Conversation, is_conversation_id, new_conversation_id};
use crate::page_error::PageError;

#[derive(Debug, Deserialize)]
pub struct ChatForm {
    #[serde(default)]
    conversation: String,
    /// Missing when the picker was left on a model that is unavailable (disabled options are
    /// not sent): the user must choose, nothing is chosen for them.
    #[serde(default)]
    model: String,
    #[serde(default)]
    message: String,
}

pub async fn post_chat(
    State(state): State<AppState>,
    Form(form): Form<ChatForm>,
) -> Result<Redirect, PageError> {
    let message = form.message.trim();
    if message.is_empty() {
        return Err(PageError::BadInput(
            "write a message before sending".to_owned(),
        ));
    }
    if form.model.is_empty() {
        return Err(PageError::BadInput(
            "choose a model that is available: the one chosen cannot run now (its reason is in the picker)".to_owned(),
        ));
    }
    let _writing = state.conversations.writing().await;
    let mut conversation = if form.conversation.is_empty() {
        Conversation::new(new_conversation_id(now_ms()), now_ms())
    } else {
        let missing = || PageError::NotFound(format!("no conversation {}", form.conversation));
        if !is_conversation_id(&form.conversation) {
            return Err(missing());
        }
        let mut kept = state
            .conversations
            .get(&form.conversation)
            .await?
            .ok_or_else(missing)?;
        settle_pending_answers(&state.coordinator, &mut kept).await?;
        kept
    };
    conversation.push_user_message(message, now_ms());
    let answer = ask(&state.coordinator, &conversation, &form.model).await?;
    tracing::info!(conversation = %conversation.id, job_id = %answer.job_id, model = %form.model, state = ?answer.state, "chat message sent");
    conversation.push_answer(answer, now_ms());
    let location = format!("/chat/{}", conversation.id);
    state.conversations.put(conversation).await?;
    Ok(Redirect::to(&location))
}

#[cfg(test)]
mod tests;
