//! A tool call that did not do what was asked — a rejected job, an unknown id, a bad
//! argument, an unreachable coordinator, a job that failed — answered as an `isError` tool
//! result the assistant can read (the reason in words, and as structured content), never as a
//! protocol error.

use proto::v1::IneligibilityCode;
use rmcp::handler::server::tool::IntoCallToolResult;
use rmcp::model::{CallToolResponse, CallToolResult, ContentBlock};
use serde::Serialize;
use tonic::{Code, Status};
use tonic_types::StatusExt;

use crate::views::{JobView, NodeReasonView};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureKind {
    /// No node can run the model now; `rejections` says why for each candidate node.
    Rejected,
    NotFound,
    InvalidArgument,
    /// The coordinator cannot do it as things stand (memory not configured, a job that has
    /// already ended); the error says what would have to change.
    FailedPrecondition,
    /// The job ran and failed, or was cancelled.
    JobFailed,
    /// The coordinator could not be reached.
    Unreachable,
    /// Anything else the coordinator answered.
    CoordinatorError,
}

#[derive(Debug, Clone, Serialize)]
pub struct ToolFailure {
    /// What went wrong and what to do about it.
    pub error: String,
    pub kind: FailureKind,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rejections: Vec<NodeReasonView>,
    /// The job as it ended, for a job that failed or was cancelled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job: Option<Box<JobView>>,
}

impl ToolFailure {
    pub fn new(kind: FailureKind, error: impl Into<String>) -> Self {
        Self {
            error: error.into(),
            kind,
            rejections: Vec::new(),
            job: None,
        }
    }

    pub fn invalid_argument(error: impl Into<String>) -> Self {
        Self::new(FailureKind::InvalidArgument, error)
    }

    /// What the coordinator answered, in words an assistant can act on. A rejection lists
    /// every candidate node's reason from the status' `PreconditionFailure` details.
    pub fn from_coordinator_status(status: &Status) -> Self {
        if let Some(failure) = status.get_details_precondition_failure() {
            let rejections: Vec<NodeReasonView> = failure
                .violations
                .iter()
                .map(|violation| NodeReasonView {
                    node: violation.subject.clone(),
                    code: code_word_from_violation_type(&violation.r#type),
                    reason: violation.description.clone(),
                })
                .collect();
            let job_id = status
                .get_details_error_info()
                .and_then(|info| info.metadata.get("job_id").cloned())
                .unwrap_or_default();
            let mut error = format!("rejected: {}", status.message());
            if !job_id.is_empty() {
                error.push_str(&format!(" (recorded as job {job_id})"));
            }
            return Self {
                rejections,
                ..Self::new(FailureKind::Rejected, error)
            };
        }
        let kind = match status.code() {
            Code::NotFound => FailureKind::NotFound,
            Code::InvalidArgument | Code::OutOfRange => FailureKind::InvalidArgument,
            Code::FailedPrecondition => FailureKind::FailedPrecondition,
            _ => FailureKind::CoordinatorError,
        };
        Self::new(kind, status.message())
    }

    /// The reason in words: the error, then one line per node that could not take the job.
    pub fn text(&self) -> String {
        let mut text = self.error.clone();
        for rejection in &self.rejections {
            let line = if rejection
                .reason
                .starts_with(&format!("{}:", rejection.node))
            {
                rejection.reason.clone()
            } else {
                format!("{}: {}", rejection.node, rejection.reason)
            };
            text.push_str("\n  ");
            text.push_str(&line);
        }
        text
    }
}

/// `AGENT_DOWN` (the violation type the coordinator sends) → `agent_down`, the word the views
/// use; an unknown type is kept, lowercased.
fn code_word_from_violation_type(violation_type: &str) -> String {
    let proto_name = format!("INELIGIBILITY_CODE_{violation_type}");
    IneligibilityCode::from_str_name(&proto_name)
        .map(|code| client::words::ineligibility(code as i32).to_owned())
        .unwrap_or_else(|| violation_type.to_ascii_lowercase())
}

impl IntoCallToolResult for ToolFailure {
    fn into_call_tool_result(self) -> Result<CallToolResponse, rmcp::ErrorData> {
        let mut result = CallToolResult::error(vec![ContentBlock::text(self.text())]);
        result.structured_content = serde_json::to_value(&self).ok();
        Ok(result.into())
    }
}

#[cfg(test)]
mod tests;
