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
mod tests {
    use proto::v1::{Job, JobState};

    use crate::conversations::{Answer, Conversation};
    use crate::test_support::{TestApp, running_job};

    #[tokio::test]
    async fn an_answer_that_ended_meanwhile_is_settled_and_kept() {
        let app = TestApp::start().await;
        let id = "c0000000000100000001";
        let mut conversation = Conversation::new(id.into(), 1);
        conversation.push_user_message("hello", 2);
        conversation.push_answer(Answer::from_job(&running_job("J7", "qwen2.5:14b")), 3);
        app.state.conversations.put(conversation).await.unwrap();
        app.coordinator.put_job(Job {
            state: JobState::Failed as i32,
            reason: "node_lost: contabo stopped answering".into(),
            ..running_job("J7", "qwen2.5:14b")
        });
        let (status, body) = app.get(&format!("/chat/{id}")).await;
        assert_eq!(status, 200);
        assert!(
            body.contains("node_lost: contabo stopped answering"),
            "{body}"
        );
        assert!(
            !body.contains("sse-connect=\"/jobs/J7"),
            "a settled answer does not stream"
        );
        let kept = app.state.conversations.get(id).await.unwrap().unwrap();
        assert!(
            kept.pending_job_ids().is_empty(),
            "the settled answer was saved"
        );
        // The picker starts on the conversation's model.
        assert!(body.contains(r#"<option value="qwen2.5:14b" selected>"#));
    }

    #[tokio::test]
    async fn unknown_and_malformed_ids_are_not_found() {
        let app = TestApp::start().await;
        assert_eq!(app.get("/chat/c0000000000100000002").await.0, 404);
        assert_eq!(app.get("/chat/..%2F..%2Fetc").await.0, 404);
    }
}
