//! Tests of the `get_conversation` module.

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
