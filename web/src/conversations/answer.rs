//! An assistant turn: which job answers it, and once the job ended, what it said, where it ran,
//! how fast, or why it did not.

use proto::v1::{Job, JobState};
use serde::{Deserialize, Serialize};

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
mod tests {
    use proto::v1::{JobSpec, JobTimings, NodeIneligibility, OllamaStats};

    use super::*;

    #[test]
    fn a_finished_job_gives_its_node_model_and_speed() {
        let job = Job {
            id: "J1".into(),
            spec: Some(JobSpec {
                model: "qwen2.5:14b".into(),
                ..Default::default()
            }),
            state: JobState::Succeeded as i32,
            node: "contabo".into(),
            served_model: "qwen2.5:14b".into(),
            output: "hello".into(),
            timings: Some(JobTimings {
                time_to_first_token_ms: Some(85),
                ollama: Some(OllamaStats {
                    eval_count: 42,
                    eval_duration_ns: 2_000_000_000,
                    ..Default::default()
                }),
                ..Default::default()
            }),
            ..Default::default()
        };
        let answer = Answer::from_job(&job);
        assert_eq!(answer.state, AnswerState::Succeeded);
        assert_eq!(answer.time_to_first_token_ms, Some(85));
        assert_eq!(answer.tokens_per_second, Some(21.0));
        assert_eq!(
            (answer.node.as_str(), answer.content.as_str()),
            ("contabo", "hello")
        );
    }

    #[test]
    fn running_is_pending_and_a_rejection_keeps_every_reason() {
        let running = Job {
            state: JobState::Running as i32,
            ..Default::default()
        };
        assert!(Answer::from_job(&running).is_pending());
        assert_eq!(tokens_per_second(&running), None);
        let rejected = Job {
            state: JobState::Rejected as i32,
            rejections: vec![NodeIneligibility {
                node: "davas".into(),
                reason: "davas: agent down since 10:00".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        let answer = Answer::from_job(&rejected);
        assert_eq!(answer.state, AnswerState::Rejected);
        assert_eq!(answer.rejections, vec!["davas: agent down since 10:00"]);
    }
}
