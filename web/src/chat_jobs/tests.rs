//! Tests of the `chat_jobs` module.

use super::*;
use crate::test_support::{FakeCoordinator, running_job};

#[tokio::test]
async fn a_job_the_coordinator_forgot_settles_as_failed_not_pending_forever() {
    let coordinator = FakeCoordinator::start().await;
    coordinator.put_job(running_job("J1", "qwen2.5:14b"));
    let mut conversation = Conversation::new("c1".into(), 1);
    conversation.push_answer(Answer::from_job(&running_job("J1", "qwen2.5:14b")), 2);
    conversation.push_answer(Answer::from_job(&running_job("GONE", "qwen2.5:14b")), 3);
    let changed = settle_pending_answers(&coordinator.client(), &mut conversation)
        .await
        .unwrap();
    assert!(changed);
    assert_eq!(conversation.pending_job_ids(), vec!["J1".to_owned()]);
}

#[tokio::test]
async fn asking_an_unavailable_model_gives_a_rejected_answer_with_reasons() {
    let coordinator = FakeCoordinator::start().await;
    let mut conversation = Conversation::new("c1".into(), 1);
    conversation.push_user_message("hi", 2);
    let answer = ask(&coordinator.client(), conversation.history(), "gemma4:27b")
        .await
        .unwrap();
    assert_eq!(answer.state, AnswerState::Rejected);
    assert_eq!(answer.job_id, "J1");
    assert_eq!(answer.model, "gemma4:27b");
    assert_eq!(
        answer.rejections,
        vec!["davas: agent down since 10:00:00 (41 s)"]
    );
    let accepted = ask(&coordinator.client(), conversation.history(), "qwen2.5:14b")
        .await
        .unwrap();
    assert_eq!(accepted.state, AnswerState::Pending);
    assert_eq!(coordinator.submitted()[1].messages.len(), 1);
}
