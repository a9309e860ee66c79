//! The "use memory" step of a chat turn: asks `MemoryService.BuildContext` for a prompt that
//! quotes the notes answering the question, to send in place of the question. Memory never
//! chooses the model and never stops the chat: when it is not configured, fails or takes too
//! long, the question goes as written and the answer carries the reason.

use std::time::Duration;

use client::Coordinator;
use proto::v1::{BuildContextRequest, ChatMessage, MemoryContext};

use crate::conversations::{AnswerMemory, Citation};

/// How long a chat turn waits for memory (it embeds the question through the cluster)
/// before it is sent without it.
pub const MEMORY_PATIENCE: Duration = Duration::from_secs(60);

/// What memory gave one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Recalled {
    /// The prompt to send in place of the question; `None`: send the question as written.
    pub prompt: Option<String>,
    /// What the answer shows: the citations, or why memory was not used.
    pub memory: AnswerMemory,
}

impl Recalled {
    /// The history the model is sent: the latest user message (the question) becomes the
    /// prompt; earlier turns stay as the user wrote them.
    pub fn messages(&self, mut history: Vec<ChatMessage>) -> Vec<ChatMessage> {
        if let Some(prompt) = &self.prompt
            && let Some(latest) = history.iter_mut().rev().find(|m| m.role == "user")
        {
            latest.content = prompt.clone();
        }
        history
    }

    fn from_context(context: MemoryContext) -> Self {
        if context.prompt.trim().is_empty() {
            return Self::without("memory answered with an empty prompt".to_owned());
        }
        Self {
            prompt: Some(context.prompt),
            memory: AnswerMemory {
                asked: true,
                citations: context.citations.iter().map(Citation::from).collect(),
                warnings: context.warnings,
            },
        }
    }

    fn without(why: String) -> Self {
        Self {
            prompt: None,
            memory: AnswerMemory::unavailable(format!("answered without memory: {why}")),
        }
    }
}

/// Asks memory for the prompt that answers `question`; never fails (see the module doc).
pub async fn recall(coordinator: &Coordinator, question: &str) -> Recalled {
    recall_within(coordinator, question, MEMORY_PATIENCE).await
}

/// `recall`, waiting at most `patience` for memory's answer.
pub async fn recall_within(
    coordinator: &Coordinator,
    question: &str,
    patience: Duration,
) -> Recalled {
    let request = BuildContextRequest {
        question: question.to_owned(),
        limit: 0,
    };
    let mut memory = coordinator.memory();
    let asked = tokio::time::timeout(patience, memory.build_context(request)).await;
    let recalled = match asked {
        Ok(Ok(context)) => Recalled::from_context(context.into_inner()),
        Ok(Err(status)) => Recalled::without(match client::lost_connection_cause(&status) {
            Some(cause) => format!("cannot reach memory: {cause}"),
            None => status.message().to_owned(),
        }),
        Err(_) => Recalled::without(format!(
            "memory did not answer within {} ms",
            patience.as_millis()
        )),
    };
    tracing::info!(
        citations = recalled.memory.citations.len(),
        warnings = ?recalled.memory.warnings,
        used = recalled.prompt.is_some(),
        "memory asked for a chat turn"
    );
    recalled
}

#[cfg(test)]
mod tests;
