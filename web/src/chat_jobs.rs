//! Chat turns as jobs: settling answers whose jobs have ended, and asking the next answer with
//! the conversation's whole history (its latest question maybe replaced by memory's prompt).

use client::Coordinator;
use proto::v1::{ChatMessage, GetJobRequest, JobKind, JobSpec};

use crate::conversations::{Answer, AnswerMemory, AnswerState, Conversation};
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

/// Submits a chat job for `model` with `messages` (the conversation's history); the answer is
/// pending, or rejected with every node's reason. The job names exactly `model`.
pub async fn ask(
    coordinator: &Coordinator,
    messages: Vec<ChatMessage>,
    model: &str,
) -> Result<Answer, PageError> {
    let spec = JobSpec {
        kind: JobKind::Chat as i32,
        model: model.to_owned(),
        messages,
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
            memory: AnswerMemory::default(),
        },
    })
}

#[cfg(test)]
mod tests;
