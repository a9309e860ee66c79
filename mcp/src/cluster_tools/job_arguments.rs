//! The other job tools' arguments — embed, job ids, the job list's filters — with the schema
//! an assistant sees, turned into gRPC requests.

use proto::v1::{JobKind, JobSpec, JobState, ListJobsRequest, ModelOptions};
use schemars::JsonSchema;
use serde::Deserialize;

const DEFAULT_LIST_LIMIT: u32 = 20;
const MAX_LIST_LIMIT: u32 = 200;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EmbedArguments {
    /// An embedding model, e.g. "nomic-embed-text:latest".
    pub model: String,
    /// The texts to embed; one vector comes back per text, in order.
    pub texts: Vec<String>,
    /// How long Ollama keeps the model loaded afterwards, e.g. "5m".
    #[serde(default)]
    pub keep_alive: Option<String>,
}

impl EmbedArguments {
    pub fn job_spec(&self) -> JobSpec {
        JobSpec {
            kind: JobKind::Embed as i32,
            model: self.model.clone(),
            texts: self.texts.clone(),
            options: Some(ModelOptions {
                keep_alive: self.keep_alive.clone(),
                ..Default::default()
            }),
            ..Default::default()
        }
    }
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JobIdArgument {
    /// The job's id (26 characters), as submit_job or list_jobs gave it.
    pub id: String,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListJobsArguments {
    /// Only jobs in this state.
    #[serde(default)]
    pub state: Option<JobStateArgument>,
    /// Only jobs that named this model.
    #[serde(default)]
    pub model: Option<String>,
    /// Only jobs that ran on this node.
    #[serde(default)]
    pub node: Option<String>,
    /// At most this many jobs, newest first (default 20, at most 200).
    #[serde(default)]
    pub limit: Option<u32>,
    /// Only jobs older than this id: the `next_before_id` of the previous page.
    #[serde(default)]
    pub before_id: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum JobStateArgument {
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
    Rejected,
}

impl ListJobsArguments {
    pub fn request(&self) -> ListJobsRequest {
        let state = self.state.map(|state| match state {
            JobStateArgument::Queued => JobState::Queued,
            JobStateArgument::Running => JobState::Running,
            JobStateArgument::Succeeded => JobState::Succeeded,
            JobStateArgument::Failed => JobState::Failed,
            JobStateArgument::Cancelled => JobState::Cancelled,
            JobStateArgument::Rejected => JobState::Rejected,
        } as i32);
        ListJobsRequest {
            state,
            model: self.model.clone().unwrap_or_default(),
            node: self.node.clone().unwrap_or_default(),
            limit: self.limit(),
            before_id: self.before_id.clone().unwrap_or_default(),
        }
    }

    pub fn limit(&self) -> u32 {
        self.limit
            .unwrap_or(DEFAULT_LIST_LIMIT)
            .clamp(1, MAX_LIST_LIMIT)
    }
}

#[cfg(test)]
mod tests;
