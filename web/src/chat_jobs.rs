//! Chat turns as jobs: settling answers whose jobs have ended, and asking the next answer with
//! the conversation's whole history.

use client::Coordinator;
use proto::v1::{GetJobRequest, JobKind, JobSpec};

use crate::conversations::{Answer, AnswerState, Conversation};
use crate::page_error::PageError;
use crate::submission::{Submission, submit};

/// Asks the coordinator how each pending answer's job stands and records the ended ones; says
/// whether the conversation changed (and so must be saved).
pub async fn settle_pending_answers(
    coordinator: &Coordinator,
    conversation: &mut Conversation,
) -> Result<bool, PageError> {
    let mut changed = false;
    for job_id in conversation.pending_job_ids() {
        let request = GetJobRequest { id: job_id.clone() };
        match coordinator.jobs().get_job(request).await {
            Ok(job) => changed |= conversation.settle(&job.into_inner()),
            // The job is gone from the history: say so instead of waiting forever.
            Err(status) if status.code() == tonic::Code::NotFound => {
                changed |= conversation.settle(&proto::v1::Job {
                    id: job_id,
                    state: proto::v1::JobState::Failed as i32,
                    reason: "the coordinator no longer knows this job".to_owned(),
                    ..Default::default()
                });
            }
            Err(status) => return Err(PageError::from(status)),
        }
    }
    Ok(changed)
}

/// Submits a chat job for `model` with the conversation's history; the answer is pending, or
/// rejected with every node's reason.
pub async fn ask(
    coordinator: &Coordinator,
    conversation: &Conversation,
    model: &str,
) -> Result<Answer, PageError> {
    let spec = JobSpec {
        kind: JobKind::Chat as i32,
        model: model.to_owned(),
        messages: conversation.history(),
        ..Default::default()
    };
    Ok(match submit(coordinator, spec).await? {
        Submission::Accepted(job) => Answer::from_job(&job),
        Submission::Rejected(rejection) => Answer {
            job_id: rejection.job_id,
            model: model.to_owned(),
            state: AnswerState::Rejected,
            content: String::new(),
            node: String::new(),
            served_model: String::new(),
            reason: rejection.reason,
            time_to_first_token_ms: None,
            tokens_per_second: None,
            rejections: rejection.node_reasons,
        },
    })
}

#[cfg(test)]
mod tests {
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
        let answer = ask(&coordinator.client(), &conversation, "gemma4:27b")
            .await
            .unwrap();
        assert_eq!(answer.state, AnswerState::Rejected);
        assert_eq!(answer.job_id, "J1");
        assert_eq!(answer.model, "gemma4:27b");
        assert_eq!(
            answer.rejections,
            vec!["davas: agent down since 10:00:00 (41 s)"]
        );
        let accepted = ask(&coordinator.client(), &conversation, "qwen2.5:14b")
            .await
            .unwrap();
        assert_eq!(accepted.state, AnswerState::Pending);
        assert_eq!(coordinator.submitted()[1].messages.len(), 1);
    }
}
