//! An agent's last status as the coordinator keeps it, for every node until the next one:
//! the proto `AgentStatus` with its installed models shared. Ten thousand nodes report the
//! same dozen models (the same name, digest and details), so each distinct model record is
//! stored once (`SharedModels`) and every node holds a pointer to it.

mod shared_models;

use std::sync::Arc;

use proto::v1::{AgentStatus, HostFacts, LoadedModel, UnavailableModel};

pub use shared_models::{SharedModel, SharedModels};

/// What the node's agent last said, with `installed` shared between nodes.
#[derive(Debug, Clone, Default)]
pub struct StoredStatus {
    pub ollama_reachable: bool,
    pub ollama_version: Arc<str>,
    /// Why Ollama is not reachable (empty when it is).
    pub ollama_error: String,
    /// The last list a reachable Ollama confirmed (see `NodeEntry::status`).
    pub installed: Vec<Arc<SharedModel>>,
    pub loaded: Vec<LoadedModel>,
    pub host: Option<HostFacts>,
    pub unavailable: Vec<UnavailableModel>,
}

impl StoredStatus {
    /// Stores `status`, its installed models and Ollama version shared through `shared`.
    pub fn new(status: AgentStatus, shared: &mut SharedModels) -> Self {
        Self {
            ollama_reachable: status.ollama_reachable,
            ollama_version: shared.version(&status.ollama_version),
            ollama_error: status.ollama_error,
            installed: status
                .installed
                .into_iter()
                .map(|model| shared.model(model))
                .collect(),
            loaded: status.loaded,
            host: status.host,
            unavailable: status.unavailable,
        }
    }

    /// Whether `status` would change what this one says of Ollama and its models (the host
    /// facts move with every report and are no change). An unreachable Ollama's empty list is
    /// no change: the last known one stays; nor is a list the agent says is `unchanged`.
    pub fn differs_from(&self, status: &AgentStatus) -> bool {
        self.ollama_reachable != status.ollama_reachable
            || (status.ollama_reachable
                && !status.installed_unchanged
                && !same_models(&self.installed, &status.installed))
            || self.loaded != status.loaded
    }
}

/// For tests that build a node by hand: nothing shared.
impl From<AgentStatus> for StoredStatus {
    fn from(status: AgentStatus) -> Self {
        Self::new(status, &mut SharedModels::default())
    }
}

fn same_models(stored: &[Arc<SharedModel>], reported: &[proto::v1::InstalledModel]) -> bool {
    stored.len() == reported.len()
        && stored
            .iter()
            .zip(reported)
            .all(|(stored, reported)| stored.model() == reported)
}

#[cfg(test)]
mod tests;
