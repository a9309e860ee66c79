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
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "role", rename_all = "snake_case")]
pub enum Turn {
    User { content: String },
    Assistant(Answer),
}

impl Conversation {
    pub fn new(id: String, now_ms: i64) -> Self {
        Self {
            id,
            title: String::new(),
            created_at_ms: now_ms,
            updated_at_ms: now_ms,
            turns: Vec::new(),
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
        self.turns.push(Turn::Assistant(answer));
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
                *answer = settled.clone();
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
mod tests {
    use proto::v1::JobState;

    use super::*;

    fn pending(job_id: &str) -> Answer {
        Answer::from_job(&Job {
            id: job_id.into(),
            state: JobState::Running as i32,
            ..Default::default()
        })
    }

    #[test]
    fn history_holds_user_messages_and_completed_answers_only() {
        let mut conversation = Conversation::new("c1".into(), 1);
        conversation.push_user_message("hi", 2);
        conversation.push_answer(pending("J1"), 3);
        conversation.push_user_message("again", 4);
        conversation.push_answer(pending("J2"), 5);
        let ended = |id: &str, state: JobState| Job {
            id: id.into(),
            state: state as i32,
            output: format!("answer {id}"),
            ..Default::default()
        };
        assert!(conversation.settle(&ended("J1", JobState::Succeeded)));
        assert!(conversation.settle(&ended("J2", JobState::Failed)));
        assert!(!conversation.settle(&ended("J2", JobState::Succeeded)));
        let history: Vec<(String, String)> = conversation
            .history()
            .into_iter()
            .map(|message| (message.role, message.content))
            .collect();
        assert_eq!(
            history,
            vec![
                ("user".into(), "hi".into()),
                ("assistant".into(), "answer J1".into()),
                ("user".into(), "again".into()),
            ]
        );
        assert_eq!(conversation.title, "hi");
        assert_eq!(conversation.updated_at_ms, 5);
        assert!(conversation.pending_job_ids().is_empty());
    }

    #[test]
    fn a_running_job_settles_nothing() {
        let mut conversation = Conversation::new("c1".into(), 1);
        conversation.push_answer(pending("J1"), 2);
        assert!(!conversation.settle(&Job {
            id: "J1".into(),
            state: JobState::Running as i32,
            ..Default::default()
        }));
        assert_eq!(conversation.pending_job_ids(), vec!["J1".to_owned()]);
    }
}
