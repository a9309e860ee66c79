//! What every step of a run has to hand (the input, the cluster, the cancel token, the run's
//! trace), the names a step's job carries, and how a step ends a run early.

#[cfg(test)]
mod tests;

use telemetry::JobTrace;
use tokio_util::sync::CancellationToken;

use crate::clip::clip;
use crate::{AgentDeps, AgentInput};

/// `JobSpec.idempotency_key` holds at most 200 bytes.
const MAX_KEY_BYTES: usize = 200;
/// `JobSpec.source` holds at most 500 bytes.
const MAX_SOURCE_BYTES: usize = 500;

/// One run's input and reach, shared by its steps.
pub(crate) struct RunContext {
    pub input: AgentInput,
    pub deps: AgentDeps,
    pub cancel: CancellationToken,
    /// The run's trace: each model step's job joins it through `traceparent`.
    pub trace: JobTrace,
}

impl RunContext {
    /// `agent:<run_id>:<step>`: the same run asking again for a step gets the first job.
    pub fn idempotency_key(&self, step: &str) -> String {
        clip(
            &format!("agent:{}:{step}", self.input.run_id),
            MAX_KEY_BYTES,
        )
    }

    /// "schedule: briefing · briefing summary": where the run came from, then the step.
    pub fn job_source(&self, step: &str) -> String {
        let agent = self.input.agent.word();
        let source = self.input.source.trim();
        let text = if source.is_empty() {
            format!("{agent} {step}")
        } else {
            format!("{source} · {agent} {step}")
        };
        clip(&text, MAX_SOURCE_BYTES)
    }
}

/// Why a run ended before its last step; the run's `error` is its text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum StepFailure {
    /// No node could run the model: every node's reason. Never retried on another model.
    #[error("step {step} was rejected: {reason}")]
    Rejected { step: String, reason: String },
    #[error("step {step} failed: {reason}")]
    Failed { step: String, reason: String },
    #[error("cancelled during step {step}")]
    Cancelled { step: String },
}

impl StepFailure {
    pub fn failed(step: &str, reason: impl Into<String>) -> Self {
        Self::Failed {
            step: step.to_owned(),
            reason: reason.into(),
        }
    }

    pub fn cancelled(step: &str) -> Self {
        Self::Cancelled {
            step: step.to_owned(),
        }
    }
}
