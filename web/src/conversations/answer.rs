//! An assistant turn: which job answers it, and once the job ended, what it said, where it ran,
//! how fast, or why it did not.

use proto::v1::{Job, JobState};
use serde::{Deserialize, Serialize};

use super::answer_memory::AnswerMemory;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerState {
    /// Queued or running: the page streams it from the job.
    Pending,
    Succeeded,
    Failed,
    Cancelled,
    Rejected,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub job_id: String,
    /// The model the user picked.
    pub model: String,
    pub state: AnswerState,
    pub content: String,
    pub node: String,
    /// The model that served the job, as Ollama named it.
    pub served_model: String,
    /// Why it failed, was cancelled or rejected.
    pub reason: String,
    pub time_to_first_token_ms: Option<u64>,
    pub tokens_per_second: Option<f64>,
    /// For a rejection: why each candidate node could not take it.
    pub rejections: Vec<String>,
    /// What memory gave the question (kept when the answer settles); empty when the "use
    /// memory" switch was off.
    #[serde(default, skip_serializing_if = "AnswerMemory::is_empty")]
    pub memory: AnswerMemory,
}

impl Answer {
    /// The answer as the job tells it (pending while the job is queued or running).
    pub fn from_job(job: &Job) -> Self {
        let state = match JobState::try_from(job.state) {
            Ok(JobState::Succeeded) => AnswerState::Succeeded,
            Ok(JobState::Failed) => AnswerState::Failed,
            Ok(JobState::Cancelled) => AnswerState::Cancelled,
            Ok(JobState::Rejected) => AnswerState::Rejected,
            _ => AnswerState::Pending,
        };
        let timings = job.timings.as_ref();
        Self {
            job_id: job.id.clone(),
            model: job
                .spec
                .as_ref()
                .map(|spec| spec.model.clone())
                .unwrap_or_default(),
            state,
            content: job.output.clone(),
            node: job.node.clone(),
            served_model: job.served_model.clone(),
            reason: job.reason.clone(),
            time_to_first_token_ms: timings.and_then(|timings| timings.time_to_first_token_ms),
            tokens_per_second: tokens_per_second(job),
            rejections: job
                .rejections
                .iter()
                .map(|rejection| rejection.reason.clone())
                .collect(),
            memory: AnswerMemory::default(),
        }
    }

    pub fn is_pending(&self) -> bool {
        self.state == AnswerState::Pending
    }
}

/// Generation speed as Ollama measured it (tokens generated over generation time).
pub fn tokens_per_second(job: &Job) -> Option<f64> {
    let stats = job.timings.as_ref()?.ollama.as_ref()?;
    if stats.eval_count == 0 || stats.eval_duration_ns == 0 {
        return None;
    }
    Some(stats.eval_count as f64 * 1e9 / stats.eval_duration_ns as f64)
}

#[cfg(test)]
mod tests;
