//! An agent run as the research and schedule tools show it: its steps (each a cluster job of
//! the one model named, or no model), its answer, the notes it cites and its token sums.

use proto::v1::{AgentRun, AgentStep};
use schemars::JsonSchema;
use serde::Serialize;

use super::nonzero;

/// One run of an agent (`research`, `briefing`, `memory`): its steps, each a cluster job of
/// the one model named (or no model), and what it produced.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AgentRunView {
    pub id: String,
    pub agent: String,
    pub model: String,
    /// The question (research) or the day (briefing).
    pub input: String,
    /// `running`, `succeeded`, `failed` or `cancelled`.
    pub state: String,
    /// The answer (research) or the note's body (briefing).
    pub output: String,
    /// The vault notes the answer cites (vault-relative paths).
    pub citations: Vec<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub error: String,
    /// The note it wrote, if any.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note_path: String,
    pub steps: Vec<AgentStepView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input_tokens: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output_tokens: Option<u64>,
}

impl From<&AgentRun> for AgentRunView {
    fn from(run: &AgentRun) -> Self {
        Self {
            id: run.id.clone(),
            agent: run.agent.clone(),
            model: run.model.clone(),
            input: run.input.clone(),
            state: run.state.clone(),
            output: run.output.clone(),
            citations: run.citations.clone(),
            error: run.error.clone(),
            note_path: run.note_path.clone(),
            steps: run.steps.iter().map(AgentStepView::from).collect(),
            input_tokens: run.input_tokens,
            output_tokens: run.output_tokens,
        }
    }
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AgentStepView {
    /// `plan`, `search 1`, `answer 1`, `final`, …
    pub name: String,
    /// `running`, `succeeded`, `failed`, `rejected`, `cancelled` or `skipped`.
    pub state: String,
    /// The cluster job of a model step (get_job shows it); absent for a step without a model.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub job_id: String,
    /// The node that ran a model step.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub node: String,
    /// What the step produced (at most 16 KiB).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub output: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub error: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input_tokens: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output_tokens: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ended_at_ms: Option<i64>,
}

impl From<&AgentStep> for AgentStepView {
    fn from(step: &AgentStep) -> Self {
        Self {
            name: step.name.clone(),
            state: step.state.clone(),
            job_id: step.job_id.clone(),
            node: step.node.clone(),
            output: step.output.clone(),
            error: step.error.clone(),
            input_tokens: step.input_tokens,
            output_tokens: step.output_tokens,
            ended_at_ms: step.ended_at_ms.and_then(nonzero),
        }
    }
}
