//! What the tools return: plain JSON shapes with a documented schema (the tools' output
//! schemas), made from the coordinator's gRPC messages. Enum values are lowercase words
//! (`succeeded`, `agent_down`), so an assistant reads them without knowing the proto.

mod agent_run_view;
mod job_view;
mod memory_view;
mod model_view;
mod node_view;
mod note_view;
mod schedule_view;
mod usage_view;

use schemars::JsonSchema;
use serde::Serialize;

pub use agent_run_view::AgentRunView;
pub use job_view::{EmbedView, JobListView, JobView};
pub use memory_view::{RETRIEVER_WORDS, SearchMemoryView, parse_retriever};
pub use model_view::{ModelListView, ModelView};
pub use node_view::{NodeListView, NodeView};
pub use note_view::{MemoryNoteView, RelatedNotesView, RememberedView};
pub use schedule_view::{FiringView, ScheduleListView, ScheduleView};
pub use usage_view::UsageReportView;

/// Why one node cannot take a job for a model.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct NodeReasonView {
    pub node: String,
    /// `never_seen`, `agent_down`, `agent_disconnected`, `ollama_down`, `model_not_installed`,
    /// `not_routed`, `draining` or `queue_full`.
    pub code: String,
    /// Human-readable, e.g. "davas: agent down since 2026-11-26T10:00:00Z (41 s)".
    pub reason: String,
}

impl From<&proto::v1::NodeIneligibility> for NodeReasonView {
    fn from(ineligibility: &proto::v1::NodeIneligibility) -> Self {
        Self {
            node: ineligibility.node.clone(),
            code: ineligibility_word(ineligibility.code),
            reason: ineligibility.reason.clone(),
        }
    }
}

/// The `client::words` word for why a node cannot take a job; empty when the node can (the
/// code is unset), so the field is left out.
pub fn ineligibility_word(code: i32) -> String {
    if code == proto::v1::IneligibilityCode::Unspecified as i32 {
        return String::new();
    }
    client::words::ineligibility(code).to_owned()
}

/// Zero means "not yet" in the proto; `None` says so in JSON.
fn nonzero<T: Default + PartialEq>(value: T) -> Option<T> {
    (value != T::default()).then_some(value)
}

#[cfg(test)]
mod tests;
