//! What an agent's status does to its node: it is stored (its models shared with the other
//! nodes', `stored_status`), an unreachable Ollama's empty list and a list the agent says is
//! unchanged keep the last known one, and a change of Ollama or its models is logged and shown
//! to watchers.

use std::sync::Arc;

use proto::v1::AgentStatus;

use super::main_loop::Cluster;
use super::stored_status::{SharedModel, StoredStatus};

impl Cluster {
    /// Stores node `index`'s new `status`, heard at `heard_ms`.
    pub(super) fn store_status(&mut self, index: usize, status: AgentStatus, heard_ms: i64) {
        let entry = &mut self.nodes[index];
        let changed = entry
            .status
            .as_ref()
            .is_none_or(|previous| previous.differs_from(&status));
        let last_known = last_known_models(&status, entry.status.as_mut());
        if status.ollama_reachable {
            entry.installed_as_of_ms = heard_ms;
        }
        let mut stored = StoredStatus::new(status, &mut self.shared_models);
        if let Some(last_known) = last_known {
            stored.installed = last_known;
        }
        if changed {
            tracing::info!(
                node = %entry.name,
                ollama_reachable = stored.ollama_reachable,
                installed = stored.installed.len(),
                loaded = stored.loaded.len(),
                "node status changed"
            );
        }
        entry.status = Some(stored);
        if changed {
            self.changed();
        }
    }
}

/// An unreachable Ollama lists nothing, yet the models it had are still there: the node keeps
/// the last list a reachable Ollama confirmed (`NodeEntry::installed_as_of_ms` says when), so
/// each model stays listed, unavailable on this node with the reason. A status that says its
/// list is unchanged (the link sent it before) keeps it too.
fn last_known_models(
    status: &AgentStatus,
    previous: Option<&mut StoredStatus>,
) -> Option<Vec<Arc<SharedModel>>> {
    if status.ollama_reachable && !status.installed_unchanged {
        return None;
    }
    previous.map(|previous| std::mem::take(&mut previous.installed))
}
