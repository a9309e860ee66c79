//! A job as the job tools show it: what it asked for, where it ran, its answer, timings and
//! token counts, or why it was rejected or failed; and the embed tool's vectors.

use client::words;
use proto::v1::{Job, JobKind};
use schemars::JsonSchema;
use serde::Serialize;

use super::{NodeReasonView, nonzero};

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct JobView {
    pub id: String,
    /// `chat`, `generate` or `embed`.
    pub kind: String,
    /// The model the job named; it runs on exactly this model or not at all.
    pub model: String,
    /// `queued`, `running`, `succeeded`, `failed`, `cancelled` or `rejected`.
    pub state: String,
    /// Why the job failed, was cancelled or was rejected.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// The node that serves or served the job.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub node: String,
    /// The model that served the job, as Ollama named it.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub served_model: String,
    /// The answer (chat and generate jobs), or as much of it as was made so far.
    pub output: String,
    /// True when `output` was shortened for a listing; `get_job` gives the whole answer.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub output_truncated: bool,
    /// How many embedding vectors an embed job made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub embedding_count: Option<usize>,
    /// For a rejected job: why each candidate node could not take it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rejections: Vec<NodeReasonView>,
    /// 1 for the first run; more when the job was retried after its node was lost.
    pub attempt: u32,
    /// Unix milliseconds.
    pub created_at_ms: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub started_at_ms: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finished_at_ms: Option<i64>,
    /// Time spent waiting for a slot.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queued_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_to_first_token_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_ms: Option<u64>,
    /// Prompt tokens Ollama evaluated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prompt_tokens: Option<u64>,
    /// Tokens Ollama generated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output_tokens: Option<u64>,
    /// The W3C trace id of the job (for Tempo and Loki).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub trace_id: String,
}

/// A page of the job history, newest first.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct JobListView {
    pub jobs: Vec<JobView>,
    /// Pass as `before_id` for the next (older) page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_before_id: Option<String>,
}

/// The vectors of a finished embed job, one per input text, in order.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct EmbedView {
    pub job_id: String,
    pub model: String,
    pub node: String,
    pub dimensions: usize,
    pub embeddings: Vec<Vec<f32>>,
}

impl From<&Job> for JobView {
    fn from(job: &Job) -> Self {
        let spec = job.spec.clone().unwrap_or_default();
        let timings = job.timings.clone().unwrap_or_default();
        let ollama = timings.ollama.unwrap_or_default();
        let kind = JobKind::try_from(spec.kind).unwrap_or(JobKind::Unspecified);
        Self {
            id: job.id.clone(),
            kind: words::job_kind(kind as i32).to_owned(),
            model: spec.model,
            state: words::job_state(job.state).to_owned(),
            reason: job.reason.clone(),
            node: job.node.clone(),
            served_model: job.served_model.clone(),
            output: job.output.clone(),
            output_truncated: false,
            embedding_count: (kind == JobKind::Embed).then_some(job.embeddings.len()),
            rejections: job.rejections.iter().map(NodeReasonView::from).collect(),
            attempt: job.attempt,
            created_at_ms: job.created_at_ms,
            started_at_ms: nonzero(job.started_at_ms),
            finished_at_ms: nonzero(job.finished_at_ms),
            queued_ms: timings.queued_ms,
            time_to_first_token_ms: timings.time_to_first_token_ms,
            total_ms: timings.total_ms,
            prompt_tokens: nonzero(ollama.prompt_eval_count),
            output_tokens: nonzero(ollama.eval_count),
            trace_id: job.trace_id.clone(),
        }
    }
}

impl JobView {
    /// The view for a listing: the output cut to `max_output_chars` characters.
    pub fn summary(job: &Job, max_output_chars: usize) -> Self {
        let mut view = Self::from(job);
        if let Some((cut, _)) = view.output.char_indices().nth(max_output_chars) {
            view.output.truncate(cut);
            view.output_truncated = true;
        }
        view
    }
}

#[cfg(test)]
mod tests {
    use proto::v1::{Embedding, JobSpec, JobState, JobTimings, OllamaStats};

    use super::*;

    fn finished_job() -> Job {
        Job {
            id: "01KB3ZQ4T8Y0ABCDEFGHJKMNPQ".into(),
            spec: Some(JobSpec {
                kind: JobKind::Generate as i32,
                model: "gemma4:27b".into(),
                ..Default::default()
            }),
            state: JobState::Succeeded as i32,
            node: "davas".into(),
            served_model: "gemma4:27b".into(),
            output: "The sky is blue ☀ because".into(),
            attempt: 1,
            created_at_ms: 1_000,
            started_at_ms: 1_010,
            finished_at_ms: 2_000,
            timings: Some(JobTimings {
                total_ms: Some(990),
                ollama: Some(OllamaStats {
                    eval_count: 42,
                    ..Default::default()
                }),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn a_finished_job_shows_where_it_ran_and_what_it_said() {
        let view = JobView::from(&finished_job());
        assert_eq!(
            (view.kind.as_str(), view.state.as_str()),
            ("generate", "succeeded")
        );
        assert_eq!(
            (view.node.as_str(), view.served_model.as_str()),
            ("davas", "gemma4:27b")
        );
        assert_eq!(view.output_tokens, Some(42));
        assert_eq!(view.prompt_tokens, None);
        assert_eq!(view.embedding_count, None);
        let json = serde_json::to_value(&view).unwrap();
        assert!(json.get("reason").is_none() && json.get("output_truncated").is_none());
        assert_eq!(json["total_ms"], 990);
    }

    #[test]
    fn a_summary_cuts_the_output_on_a_character_boundary() {
        let view = JobView::summary(&finished_job(), 12);
        assert_eq!(view.output, "The sky is b");
        assert!(view.output_truncated);
        let short = JobView::summary(&finished_job(), 500);
        assert!(!short.output_truncated);
        let at_the_sun = JobView::summary(&finished_job(), 19);
        assert_eq!(at_the_sun.output, "The sky is blue ☀ b");
    }

    #[test]
    fn an_embed_job_counts_its_vectors_and_odd_states_say_unknown() {
        let mut job = finished_job();
        job.spec = Some(JobSpec {
            kind: JobKind::Embed as i32,
            ..Default::default()
        });
        job.embeddings = vec![Embedding::default(), Embedding::default()];
        job.state = 77;
        let view = JobView::from(&job);
        assert_eq!(view.embedding_count, Some(2));
        assert_eq!(view.state, "unknown");
    }
}
