//! The result note: one per job, its name holding the job's id, with frontmatter properties
//! Obsidian shows (status, model, node, tokens, duration, cost, a wiki link to the job note)
//! and the answer, or what went wrong, as its body.

mod agent_sections;
mod render;

pub use render::{MAX_RESULT_NAME_BYTES, render_result, result_file_name};

/// How a vault job ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Succeeded,
    /// Ran and failed (Ollama error, node lost, timeout, coordinator restarted, …).
    Failed,
    /// No node could run the model (never run on another model).
    Rejected,
    /// The note itself is wrong (bad frontmatter, unknown type, …).
    Invalid,
    Cancelled,
    /// The job type cannot run here (e.g. `research` in a worker without agents, memory off).
    Unavailable,
}

impl Outcome {
    /// The job note's folder after the job: `done/` only for success.
    pub fn succeeded(self) -> bool {
        self == Outcome::Succeeded
    }

    /// The word in frontmatter `status:` and in Discord messages.
    pub fn word(self) -> &'static str {
        match self {
            Outcome::Succeeded => "done",
            Outcome::Failed => "failed",
            Outcome::Rejected => "rejected",
            Outcome::Invalid => "invalid",
            Outcome::Cancelled => "cancelled",
            Outcome::Unavailable => "unavailable",
        }
    }
}

/// Everything a result note says.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ResultFacts {
    /// The vault job's id (the ledger's key; also the idempotency key's suffix).
    pub id: String,
    /// `chat`, `summarize`, … as written, or empty for a note too broken to say.
    pub job_type: String,
    pub model: String,
    pub outcome: Option<Outcome>,
    /// The job note's wiki-link target once filed ("Runner/done/why-sky").
    pub job_note_link: String,
    /// The coordinator's job id, when a job was submitted.
    pub cluster_job_id: Option<String>,
    pub node: Option<String>,
    pub input_tokens: Option<u64>,
    pub output_tokens: Option<u64>,
    pub duration_ms: Option<u64>,
    pub cost_usd: Option<f64>,
    pub started_ms: Option<i64>,
    pub finished_ms: i64,
    /// The answer (succeeded), or empty.
    pub answer: String,
    /// Why it did not succeed, in words (every node's reason for a rejection; every problem,
    /// one per line, for an invalid note).
    pub reason: String,
    /// Notes the answer used (summarize), as wiki-link targets.
    pub cited: Vec<String>,
    /// The job's title (the note's `title:` or file name), for the heading; when empty, the
    /// job note's name from `job_note_link`, else the id.
    pub title: String,
    /// The agent run's id (research, briefing): its steps' idempotency keys are made of it.
    pub run_id: Option<String>,
    /// The agent run's own state word (`succeeded`, `failed`, `cancelled`).
    pub run_state: Option<String>,
    /// The agent run's steps, in order.
    pub steps: Vec<StepFacts>,
}

/// One step of an agent run, as the result note lists it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StepFacts {
    pub name: String,
    /// `succeeded`, `failed`, `rejected`, …
    pub state: String,
    /// The cluster job of a model step; empty for a step that calls no model.
    pub job_id: String,
    pub input_tokens: Option<u64>,
    pub output_tokens: Option<u64>,
    /// Why it did not succeed; empty when it did.
    pub error: String,
}

#[cfg(test)]
mod tests;
