//! A conversation: its turns in order, the history a new chat job carries, and settling an
//! answer once its job has ended.

use proto::v1::{ChatMessage, Job};
use serde::{Deserialize, Serialize};

use super::answer::{Answer, AnswerState};

const TITLE_CHARACTERS: usize = 60;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conversation {
    pub id: String,
    /// The start of the first message.
    pub title: String,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
    pub turns: Vec<Turn>,
    /// The "use memory" switch as last sent: the composer starts on it.
    #[serde(default)]
    pub use_memory: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "role", rename_all = "snake_case")]
pub enum Turn {
    User {
        content: String,
    },
    /// Boxed: an answer (with what memory gave it) is far larger than a question.
    Assistant(Box<Answer>),
}

impl Conversation {
    pub fn new(id: String, now_ms: i64) -> Self {
        Self {
            id,
            title: String::new(),
            created_at_ms: now_ms,
            updated_at_ms: now_ms,
            turns: Vec::new(),
            use_memory: false,
        }
    }

    pub fn push_user_message(&mut self, content: &str, now_ms: i64) {
        if self.title.is_empty() {
            self.title = content.chars().take(TITLE_CHARACTERS).collect();
        }
        self.turns.push(Turn::User {
            content: content.to_owned(),
        });
        self.updated_at_ms = now_ms;
    }

    pub fn push_answer(&mut self, answer: Answer, now_ms: i64) {
        self.turns.push(Turn::Assistant(Box::new(answer)));
        self.updated_at_ms = now_ms;
    }

    /// What the model is sent: every user message and every answer that completed. Failed,
    /// cancelled and rejected answers are left out: the model did not say them.
    pub fn history(&self) -> Vec<ChatMessage> {
        self.turns
            .iter()
            .filter_map(|turn| match turn {
                Turn::User { content } => Some(("user", content)),
                Turn::Assistant(answer) if answer.state == AnswerState::Succeeded => {
                    Some(("assistant", &answer.content))
                }
                Turn::Assistant(_) => None,
            })
            .map(|(role, content)| ChatMessage {
                role: role.to_owned(),
                content: content.clone(),
            })
            .collect()
    }

    /// The jobs of answers not yet settled.
    pub fn pending_job_ids(&self) -> Vec<String> {
        self.turns
            .iter()
            .filter_map(|turn| match turn {
                Turn::Assistant(answer) if answer.is_pending() => Some(answer.job_id.clone()),
                _ => None,
            })
            .collect()
    }

    /// Records how `job` ended in its answer; says whether anything changed.
    pub fn settle(&mut self, job: &Job) -> bool {
        let settled = Answer::from_job(job);
        if settled.is_pending() {
            return false;
        }
        let mut changed = false;
        for turn in &mut self.turns {
            if let Turn::Assistant(answer) = turn
                && answer.job_id == job.id
                && answer.is_pending()
            {
                // The job does not know what memory gave its prompt: keep it.
                let memory = std::mem::take(&mut answer.memory);
                **answer = Answer {
                    memory,
                    ..settled.clone()
                };
                changed = true;
            }
        }
        changed
    }

    /// The model of the latest answer: the picker's default for the next message.
    pub fn last_model(&self) -> Option<&str> {
        self.turns.iter().rev().find_map(|turn| match turn {
            Turn::Assistant(answer) => Some(answer.model.as_str()),
            Turn::User { .. } => None,
        })
    }
}

#[cfg(test)]
mod tests;
