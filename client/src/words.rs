//! The words every surface uses for the API's enums (`succeeded`, `ollama_down`,
//! `model_not_installed`, `node_lost`: the proto name without its prefix, lowercase), and which
//! job states are final. A value newer than this build reads `unknown`.

#[cfg(test)]
mod tests;

use proto::v1::{FailureCause, IneligibilityCode, JobKind, JobState, NodeState};

/// The word for a value this build does not know (a newer coordinator's, or unspecified).
pub const UNKNOWN: &str = "unknown";

/// True once a job can change no more: succeeded, failed, cancelled or rejected.
pub fn is_terminal(state: i32) -> bool {
    matches!(
        JobState::try_from(state),
        Ok(JobState::Succeeded | JobState::Failed | JobState::Cancelled | JobState::Rejected)
    )
}

pub fn job_state(state: i32) -> &'static str {
    match JobState::try_from(state) {
        Ok(JobState::Queued) => "queued",
        Ok(JobState::Running) => "running",
        Ok(JobState::Succeeded) => "succeeded",
        Ok(JobState::Failed) => "failed",
        Ok(JobState::Cancelled) => "cancelled",
        Ok(JobState::Rejected) => "rejected",
        Ok(JobState::Unspecified) | Err(_) => UNKNOWN,
    }
}

/// The state a word names (as `runner jobs --state` and the APIs' filters take it).
pub fn parse_job_state(word: &str) -> Option<JobState> {
    [
        JobState::Queued,
        JobState::Running,
        JobState::Succeeded,
        JobState::Failed,
        JobState::Cancelled,
        JobState::Rejected,
    ]
    .into_iter()
    .find(|state| job_state(*state as i32) == word)
}

pub fn job_kind(kind: i32) -> &'static str {
    match JobKind::try_from(kind) {
        Ok(JobKind::Chat) => "chat",
        Ok(JobKind::Generate) => "generate",
        Ok(JobKind::Embed) => "embed",
        Ok(JobKind::Unspecified) | Err(_) => UNKNOWN,
    }
}

pub fn node_state(state: i32) -> &'static str {
    match NodeState::try_from(state) {
        Ok(NodeState::Ready) => "ready",
        Ok(NodeState::OllamaDown) => "ollama_down",
        Ok(NodeState::Down) => "down",
        Ok(NodeState::Draining) => "draining",
        Ok(NodeState::Disconnected) => "disconnected",
        Ok(NodeState::Unspecified) | Err(_) => UNKNOWN,
    }
}

/// Whether the node's agent is away (down, or disconnected within its grace): nobody can ask
/// its backend, so what is shown of it is the last known.
pub fn agent_away(node: &proto::v1::Node) -> bool {
    matches!(
        NodeState::try_from(node.state),
        Ok(NodeState::Down | NodeState::Disconnected)
    )
}

/// A node's state in words, for the node itself: a cloud provider's node whose API does not
/// answer (or refuses the key) is `provider_down`, not `ollama_down`.
pub fn node_state_of(node: &proto::v1::Node) -> &'static str {
    let provider = !node.backend.is_empty() && node.backend != "ollama";
    match NodeState::try_from(node.state) {
        Ok(NodeState::OllamaDown) if provider => "provider_down",
        _ => node_state(node.state),
    }
}

pub fn ineligibility(code: i32) -> &'static str {
    match IneligibilityCode::try_from(code) {
        Ok(IneligibilityCode::NeverSeen) => "never_seen",
        Ok(IneligibilityCode::AgentDown) => "agent_down",
        Ok(IneligibilityCode::AgentDisconnected) => "agent_disconnected",
        Ok(IneligibilityCode::OllamaDown) => "ollama_down",
        Ok(IneligibilityCode::ModelNotInstalled) => "model_not_installed",
        Ok(IneligibilityCode::NotRouted) => "not_routed",
        Ok(IneligibilityCode::Draining) => "draining",
        Ok(IneligibilityCode::QueueFull) => "queue_full",
        Ok(IneligibilityCode::ModelNotOffered) => "model_not_offered",
        Ok(IneligibilityCode::RateLimited) => "rate_limited",
        Ok(IneligibilityCode::BudgetExhausted) => "budget_exhausted",
        Ok(IneligibilityCode::Unspecified) | Err(_) => UNKNOWN,
    }
}

/// Why a job did not succeed; empty for a job that has not failed (or one recorded before
/// causes were on the wire: its `reason` still says why in words).
pub fn failure_cause(cause: i32) -> &'static str {
    match FailureCause::try_from(cause) {
        Ok(FailureCause::Unspecified) => "",
        Ok(FailureCause::Rejected) => "rejected",
        Ok(FailureCause::NodeLost) => "node_lost",
        Ok(FailureCause::OllamaError) => "ollama_error",
        Ok(FailureCause::Cancelled) => "cancelled",
        Ok(FailureCause::CoordinatorRestarted) => "coordinator_restarted",
        Ok(FailureCause::CoordinatorStopped) => "coordinator_stopped",
        Ok(FailureCause::ProviderError) => "provider_error",
        Ok(FailureCause::RateLimited) => "rate_limited",
        Err(_) => UNKNOWN,
    }
}
