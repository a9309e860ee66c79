//! Label values for job outcomes and rejection reasons, as static words: the protobuf enum
//! name without its prefix, in lower case (`succeeded`, `agent_down`), `unknown` otherwise.

use proto::v1::{IneligibilityCode, JobState};

/// A job state as the `outcome` label.
pub(super) fn outcome_label(state: i32) -> &'static str {
    match JobState::try_from(state) {
        Ok(JobState::Unspecified) => "unspecified",
        Ok(JobState::Queued) => "queued",
        Ok(JobState::Running) => "running",
        Ok(JobState::Succeeded) => "succeeded",
        Ok(JobState::Failed) => "failed",
        Ok(JobState::Cancelled) => "cancelled",
        Ok(JobState::Rejected) => "rejected",
        Err(_) => "unknown",
    }
}

/// An ineligibility code as the `reason` label.
pub(super) fn reason_label(code: i32) -> &'static str {
    match IneligibilityCode::try_from(code) {
        Ok(IneligibilityCode::Unspecified) => "unspecified",
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
        Err(_) => "unknown",
    }
}

#[cfg(test)]
mod tests;
