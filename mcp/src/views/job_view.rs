//! A job as the job tools show it: what it asked for, where it ran, its answer, timings,
//! token counts, cost and Ollama's durations, or why it was rejected or failed; and the embed
//! tool's vectors.

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
    /// Where the job came from when it was not a direct call, e.g.
    /// `vault: Runner/inbox/why-sky.md` (a vault note) or `schedule: briefing`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub source: String,
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
    /// Prompt tokens, as the backend reported them (cached ones included); absent when it
    /// did not say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prompt_tokens: Option<u64>,
    /// Tokens generated (thinking included); absent when the backend did not say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output_tokens: Option<u64>,
    /// Prompt tokens a cloud provider read from its cache.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cached_prompt_tokens: Option<u64>,
    /// Thinking tokens among the output tokens.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reasoning_tokens: Option<u64>,
    /// What to know about the answer, e.g. that the provider answered with another model
    /// version than the one asked for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// What the job cost in USD at the prices in force when it ended; absent when unknown
    /// (a priced model whose backend left out a count) or when the job never ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost_usd: Option<f64>,
    /// True when a price applies to the job's model (false: it costs nothing).
    pub priced: bool,
    /// The cost in words: `$0.0123`, `no price`, or `unknown (no usage reported)`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub cost: String,
    /// Ollama's time loading the model, evaluating the prompt and generating, in ms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub load_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prompt_eval_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub generation_ms: Option<u64>,
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
        let usage = job.usage.unwrap_or_default();
        let kind = JobKind::try_from(spec.kind).unwrap_or(JobKind::Unspecified);
        Self {
            id: job.id.clone(),
            kind: words::job_kind(kind as i32).to_owned(),
            model: spec.model,
            source: spec.source,
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
            prompt_tokens: usage
                .input_tokens
                .or_else(|| nonzero(ollama.prompt_eval_count)),
            output_tokens: usage.output_tokens.or_else(|| nonzero(ollama.eval_count)),
            cached_prompt_tokens: usage
                .cached_input_tokens
                .or(ollama.prompt_eval_cached_count),
            reasoning_tokens: usage.reasoning_tokens,
            warnings: job.warnings.clone(),
            cost_usd: job.cost_usd.filter(|_| job.priced),
            priced: job.priced,
            cost: client::usage::job_cost(job),
            load_ms: nonzero(ollama.load_duration_ns / 1_000_000),
            prompt_eval_ms: nonzero(ollama.prompt_eval_duration_ns / 1_000_000),
            generation_ms: nonzero(ollama.eval_duration_ns / 1_000_000),
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
mod tests;
