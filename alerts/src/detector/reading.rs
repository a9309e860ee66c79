//! Reading one snapshot the way the detector needs it: is a node's agent there, does its
//! Ollama answer, which pinned models it has, is its disk under pressure, which models became
//! unavailable with it. Pure functions over the protobuf types.

use proto::v1::{ClusterSnapshot, Node, NodeState};

/// Whether a node's agent is there and, if so, whether its Ollama answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgentPresence {
    Down,
    /// Connected, but its first status has not come yet: nothing to judge.
    Connecting,
    Up {
        ollama_answers: bool,
    },
}

/// A node `disconnected` within the coordinator's grace counts as down: the alerter's own
/// `alert_after` is the operator's patience with an unreachable node, whatever the coordinator
/// does with its jobs meanwhile.
pub fn presence(node: &Node) -> AgentPresence {
    match NodeState::try_from(node.state) {
        Ok(NodeState::Ready | NodeState::Draining) => AgentPresence::Up {
            ollama_answers: true,
        },
        Ok(NodeState::OllamaDown) if node.state_reason.starts_with("waiting for") => {
            AgentPresence::Connecting
        }
        Ok(NodeState::OllamaDown) => AgentPresence::Up {
            ollama_answers: false,
        },
        _ => AgentPresence::Down,
    }
}

/// Ollama's way of naming a model: a name without a tag means `:latest`.
pub fn canonical_model_name(name: &str) -> String {
    if name.contains(':') {
        name.to_owned()
    } else {
        format!("{name}:latest")
    }
}

pub fn has_installed(node: &Node, model: &str) -> bool {
    let wanted = canonical_model_name(model);
    node.installed
        .iter()
        .any(|installed| canonical_model_name(&installed.name) == wanted)
}

/// The models whose routes pin them to `node`.
pub fn pinned_models<'a>(snapshot: &'a ClusterSnapshot, node: &str) -> Vec<&'a str> {
    snapshot
        .models
        .iter()
        .filter(|model| model.routed_nodes.iter().any(|routed| routed == node))
        .map(|model| model.model.as_str())
        .collect()
}

pub fn model_available(snapshot: &ClusterSnapshot, model: &str) -> bool {
    let wanted = canonical_model_name(model);
    snapshot
        .models
        .iter()
        .any(|entry| canonical_model_name(&entry.model) == wanted && entry.available)
}

/// Models the node had (as last reported) that no node can serve now.
pub fn unavailable_models(snapshot: &ClusterSnapshot, node: &Node) -> Vec<String> {
    snapshot
        .models
        .iter()
        .filter(|model| !model.available && has_installed(node, &model.model))
        .map(|model| model.model.clone())
        .collect()
}

/// Disk pressure: free space under either threshold (a byte count, a share of the disk).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DiskThresholds {
    pub min_free_bytes: u64,
    pub min_free_percent: Option<f64>,
}

/// Pressure clears only once free space is this much above the threshold, so a disk hovering
/// at the line does not alert on every wobble.
const CLEAR_MARGIN: f64 = 1.1;

impl DiskThresholds {
    /// `(free, total)` from the node's host facts, when it reports a disk.
    pub fn disk_of(node: &Node) -> Option<(u64, u64)> {
        let host = node.host.as_ref()?;
        (host.disk_total_bytes > 0).then_some((host.disk_free_bytes, host.disk_total_bytes))
    }

    fn under(&self, free: u64, total: u64, margin: f64) -> bool {
        let under_bytes =
            self.min_free_bytes > 0 && (free as f64) < self.min_free_bytes as f64 * margin;
        let free_percent = free as f64 * 100.0 / total as f64;
        let under_percent = self
            .min_free_percent
            .is_some_and(|minimum| free_percent < minimum * margin);
        under_bytes || under_percent
    }

    pub fn pressure(&self, free: u64, total: u64) -> bool {
        self.under(free, total, 1.0)
    }

    /// Pressure that was alerted is over only with the margin.
    pub fn relieved(&self, free: u64, total: u64) -> bool {
        !self.under(free, total, CLEAR_MARGIN)
    }
}
