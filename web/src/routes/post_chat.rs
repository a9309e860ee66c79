//! `POST /chat` (form `conversation`, `model`, `message`, `memory`): adds the message to a
//! conversation (a new one when none is given) and asks the model with the whole history as a
//! chat job. With `memory` on, the question is sent as the prompt memory builds from the
//! operator's notes (the conversation keeps the question as written; the answer lists the
//! notes cited, or why memory was not used). The page it redirects to streams the answer; a
//! rejection is kept with every node's reason.

use axum::Form;
use axum::extract::State;
use axum::response::Redirect;
use serde::Deserialize;

use crate::app_state::{AppState, now_ms};
use crate::chat_jobs::{ask, settle_pending_answers};
use crate::conversations::{Conversation, is_conversation_id, new_conversation_id};
use crate::memory_prompt::recall;
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
    /// The "use memory" checkbox: present (`on`) when ticked, absent otherwise.
    #[serde(default)]
    memory: Option<String>,
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
    let missing = || PageError::NotFound(format!("no conversation {}", form.conversation));
    if !form.conversation.is_empty() && !is_conversation_id(&form.conversation) {
        return Err(missing());
    }
    let use_memory = form.memory.is_some();
    // Asked before taking the writer's lock: memory may take a while (it embeds the question).
    let recalled = if use_memory {
        Some(recall(&state.coordinator, message).await)
    } else {
        None
    };
    let _writing = state.conversations.writing().await;
    let mut conversation = if form.conversation.is_empty() {
        Conversation::new(new_conversation_id(now_ms()), now_ms())
    } else {
        let mut kept = state
            .conversations
            .get(&form.conversation)
            .await?
            .ok_or_else(missing)?;
        settle_pending_answers(&state.coordinator, &mut kept).await?;
        kept
    };
    conversation.use_memory = use_memory;
    conversation.push_user_message(message, now_ms());
    let history = conversation.history();
    let messages = match &recalled {
        Some(recalled) => recalled.messages(history),
        None => history,
    };
    let mut answer = ask(&state.coordinator, messages, &form.model).await?;
    answer.memory = recalled.map(|recalled| recalled.memory).unwrap_or_default();
    tracing::info!(conversation = %conversation.id, job_id = %answer.job_id, model = %form.model, state = ?answer.state, use_memory, "chat message sent");
    conversation.push_answer(answer, now_ms());
    let location = format!("/chat/{}", conversation.id);
    state.conversations.put(conversation).await?;
    Ok(Redirect::to(&location))
}

#[cfg(test)]
mod memory_tests;
#[cfg(test)]
mod tests;
