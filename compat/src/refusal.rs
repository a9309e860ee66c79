//! Why a request got no answer, in terms both dialects render: the coordinator's status for a
//! rejected or invalid job (read from its details: every node's reason, whether the model is
//! listed at all, how long a rate limit lasts), a job that ended without succeeding, or a
//! request this API cannot take.

#[cfg(test)]
pub(crate) mod test_statuses;
#[cfg(test)]
mod tests;

use std::time::Duration;

use client::words;
use proto::v1::{FailureCause, IneligibilityCode, Job, JobState};
use tonic::{Code, Status};
use tonic_types::StatusExt;

/// What kind of "no": each dialect picks its status code and error words from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefusalKind {
    /// The request itself is wrong (bad JSON, an option out of range, a feature not served).
    InvalidRequest,
    /// No node has the model, or none may serve it.
    ModelNotFound,
    /// The model exists here but no node can run it now (down, draining, busy).
    ModelUnavailable,
    /// Every node serving the model is rate limited by its provider, or the job was.
    RateLimited,
    /// Every node that has the model is held back by a spent `[[budgets]]` cap until the
    /// budget's period resets (the reason names the budget).
    BudgetExhausted,
    /// The job ran and its backend (Ollama, a provider) failed it.
    BackendFailed,
    /// The job was lost with its node, or the coordinator stopped under it.
    JobLost,
    /// Someone cancelled the job.
    Cancelled,
    /// The coordinator could not be reached, or answered something unexpected.
    Internal,
    /// A path this API does not serve.
    NotFound,
    /// The request did not carry the API token.
    Unauthorized,
}

/// A node's reason in a rejection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeReason {
    pub node: String,
    /// `agent_down`, `model_not_installed`, … (the client's word for the code).
    pub code: String,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct Refusal {
    pub kind: RefusalKind,
    /// The headline: "no node can run gemma4:27b", "temperature must be …".
    pub message: String,
    pub nodes: Vec<NodeReason>,
    /// The recorded job (a rejection is recorded too).
    pub job_id: Option<String>,
    pub retry_after: Option<Duration>,
    /// The request field at fault, when one is (`model`, `messages`, …).
    pub param: Option<&'static str>,
}

impl Refusal {
    pub fn new(kind: RefusalKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            nodes: Vec::new(),
            job_id: None,
            retry_after: None,
            param: None,
        }
    }

    pub fn invalid(param: &'static str, message: impl Into<String>) -> Self {
        Self {
            param: Some(param),
            ..Self::new(RefusalKind::InvalidRequest, message)
        }
    }

    /// The coordinator's answer to a submit that did not start a job.
    pub fn from_status(status: &Status) -> Self {
        if let Some(failure) = status.get_details_precondition_failure() {
            let info = status.get_details_error_info();
            let metadata = |key: &str| info.as_ref().and_then(|info| info.metadata.get(key));
            let nodes: Vec<NodeReason> = failure
                .violations
                .iter()
                .map(|violation| NodeReason {
                    node: violation.subject.clone(),
                    code: code_word(&violation.r#type),
                    reason: violation.description.clone(),
                })
                .collect();
            let retry_after = status
                .get_details_retry_info()
                .and_then(|retry| retry.retry_delay);
            let listed = metadata("listed").is_none_or(|listed| listed == "true");
            let may_have_it = failure
                .violations
                .iter()
                .any(|violation| could_run_later(&violation.r#type));
            let kind = if all_budget_exhausted(&nodes) {
                RefusalKind::BudgetExhausted
            } else if retry_after.is_some() {
                RefusalKind::RateLimited
            } else if listed || may_have_it {
                RefusalKind::ModelUnavailable
            } else {
                RefusalKind::ModelNotFound
            };
            return Self {
                nodes,
                job_id: metadata("job_id").cloned(),
                retry_after,
                param: Some("model"),
                ..Self::new(kind, status.message())
            };
        }
        let kind = match status.code() {
            Code::InvalidArgument | Code::OutOfRange => RefusalKind::InvalidRequest,
            Code::ResourceExhausted => RefusalKind::RateLimited,
            _ => RefusalKind::Internal,
        };
        match client::lost_connection_cause(status) {
            Some(cause) => Self::new(kind, format!("cannot reach the coordinator: {cause}")),
            None => Self::new(kind, status.message()),
        }
    }

    /// A job that ended without succeeding, in its own words ("job 01J… failed on davas:
    /// ollama: model crashed").
    pub fn from_ended_job(job: &Job) -> Self {
        let cause = FailureCause::try_from(job.cause).unwrap_or(FailureCause::Unspecified);
        let kind = match cause {
            _ if job.state == JobState::Cancelled as i32 => RefusalKind::Cancelled,
            FailureCause::RateLimited => RefusalKind::RateLimited,
            FailureCause::OllamaError | FailureCause::ProviderError => RefusalKind::BackendFailed,
            FailureCause::Cancelled => RefusalKind::Cancelled,
            FailureCause::NodeLost
            | FailureCause::CoordinatorRestarted
            | FailureCause::CoordinatorStopped => RefusalKind::JobLost,
            FailureCause::Rejected => RefusalKind::ModelUnavailable,
            FailureCause::Unspecified => RefusalKind::Internal,
        };
        let on_node = if job.node.is_empty() {
            String::new()
        } else {
            format!(" on {}", job.node)
        };
        Self {
            job_id: Some(job.id.clone()),
            ..Self::new(
                kind,
                format!(
                    "job {} {}{on_node}: {}",
                    job.id,
                    words::job_state(job.state),
                    job.reason
                ),
            )
        }
    }

    /// The headline and every node's reason in one line, for dialects whose error is one
    /// string: "no node can run gemma4:27b: davas: agent down since … (41 s)".
    pub fn full_message(&self) -> String {
        let mut text = self.message.clone();
        for (index, node) in self.nodes.iter().enumerate() {
            text.push_str(if index == 0 { ": " } else { "; " });
            if node.reason.starts_with(&format!("{}:", node.node)) {
                text.push_str(&node.reason);
            } else {
                text.push_str(&format!("{}: {}", node.node, node.reason));
            }
        }
        text
    }
}

/// `AGENT_DOWN` (the status detail's spelling) as the client's word, `agent_down`.
fn code_word(violation_type: &str) -> String {
    IneligibilityCode::from_str_name(&format!("INELIGIBILITY_CODE_{violation_type}")).map_or_else(
        || violation_type.to_ascii_lowercase(),
        |code| words::ineligibility(code as i32).to_owned(),
    )
}

/// Whether the nodes that have the model (those not refused for lacking it) are all held
/// back by a spent budget, and there is at least one.
fn all_budget_exhausted(nodes: &[NodeReason]) -> bool {
    let budget_word = words::ineligibility(IneligibilityCode::BudgetExhausted as i32);
    let lacking = [
        IneligibilityCode::ModelNotInstalled,
        IneligibilityCode::NotRouted,
        IneligibilityCode::ModelNotOffered,
    ]
    .map(|code| words::ineligibility(code as i32));
    let mut having = nodes
        .iter()
        .filter(|node| !lacking.contains(&node.code.as_str()))
        .peekable();
    having.peek().is_some() && having.all(|node| node.code == budget_word)
}

/// Violation types (`AGENT_DOWN`) that say the node has, or may have, the model but cannot
/// run it now.
fn could_run_later(violation_type: &str) -> bool {
    matches!(
        violation_type,
        "NEVER_SEEN"
            | "AGENT_DOWN"
            | "AGENT_DISCONNECTED"
            | "OLLAMA_DOWN"
            | "DRAINING"
            | "QUEUE_FULL"
            | "RATE_LIMITED"
            | "BUDGET_EXHAUSTED"
    )
}
