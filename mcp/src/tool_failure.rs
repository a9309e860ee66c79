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
mod tests {
    use std::collections::HashMap;

    use rmcp::model::CallToolResponse;
    use tonic_types::{ErrorDetails, PreconditionViolation};

    use super::*;

    fn davas_rejection() -> Status {
        let mut details = ErrorDetails::with_precondition_failure(vec![
            PreconditionViolation::new(
                "AGENT_DOWN",
                "davas",
                "davas: agent down since 2026-11-26T10:00:00Z (41 s)",
            ),
            PreconditionViolation::new("NOT_ROUTED", "homelab", "not allowed by the route"),
        ]);
        details.set_error_info(
            "NO_ELIGIBLE_NODE",
            "llm-runner",
            HashMap::from([("job_id".to_owned(), "01JOB".to_owned())]),
        );
        Status::with_error_details(
            Code::Unavailable,
            "no node can run gemma4:27b: davas: agent down since 2026-11-26T10:00:00Z (41 s)",
            details,
        )
    }

    #[test]
    fn a_rejection_names_every_node_and_why() {
        let failure = ToolFailure::from_coordinator_status(&davas_rejection());
        assert_eq!(failure.kind, FailureKind::Rejected);
        assert_eq!(failure.rejections[0].code, "agent_down");
        assert_eq!(failure.rejections[1].code, "not_routed");
        assert_eq!(
            failure.text(),
            "rejected: no node can run gemma4:27b: davas: agent down since 2026-11-26T10:00:00Z (41 s) \
             (recorded as job 01JOB)\n  davas: agent down since 2026-11-26T10:00:00Z (41 s)\n  \
             homelab: not allowed by the route"
        );
    }

    #[test]
    fn other_answers_keep_the_coordinators_words() {
        let missing = ToolFailure::from_coordinator_status(&Status::not_found("no job 01X"));
        assert_eq!(
            (missing.kind, missing.text().as_str()),
            (FailureKind::NotFound, "no job 01X")
        );
        let bad =
            ToolFailure::from_coordinator_status(&Status::invalid_argument("prompt is empty"));
        assert_eq!(bad.kind, FailureKind::InvalidArgument);
        let odd = ToolFailure::from_coordinator_status(&Status::internal("store broke"));
        assert_eq!(odd.kind, FailureKind::CoordinatorError);
        assert_eq!(
            code_word_from_violation_type("SOMETHING_NEW"),
            "something_new"
        );
    }

    #[test]
    fn it_becomes_an_is_error_result_with_text_and_structured_content() {
        let failure = ToolFailure::from_coordinator_status(&davas_rejection());
        let Ok(CallToolResponse::Complete(result)) = failure.clone().into_call_tool_result() else {
            panic!("not a complete result");
        };
        assert_eq!(result.is_error, Some(true));
        let text = result.content[0].as_text().unwrap().text.clone();
        assert_eq!(text, failure.text());
        let structured = result.structured_content.unwrap();
        assert_eq!(structured["kind"], "rejected");
        assert_eq!(structured["rejections"][0]["node"], "davas");
    }
}
