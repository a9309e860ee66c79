//! Model availability as the `list_models` tool shows it: for every model, which nodes can
//! run it now and, for every other node that has it or is routed it, why not; the nodes
//! without it are counted.

use proto::v1::{ModelAvailability, NodeAvailability};
use schemars::JsonSchema;
use serde::Serialize;

use super::ineligibility_word;

/// Every model some node has installed or a route names.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ModelListView {
    pub models: Vec<ModelView>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ModelView {
    pub model: String,
    /// True when at least one node can take a job for this model now.
    pub available: bool,
    /// The nodes that can take a job for this model now.
    pub available_on: Vec<String>,
    /// The nodes the config's route allows; empty when the model has no route (then any
    /// node that has it installed may run it).
    pub routed_nodes: Vec<String>,
    /// The nodes a route names for the model, or (no route) those whose last known list has
    /// it, with the reason for each one that cannot take the model.
    pub nodes: Vec<NodeAvailabilityView>,
    /// How many other nodes could run the unrouted model but are not in `nodes`: they do not
    /// have it, or have not said which models they have yet (list_nodes tells their state).
    pub other_nodes: u32,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct NodeAvailabilityView {
    pub node: String,
    pub available: bool,
    /// The model is loaded in the node's Ollama memory (its next job starts fast).
    pub loaded: bool,
    /// Why the node cannot take the model: `never_seen`, `agent_down`, `agent_disconnected`,
    /// `ollama_down`, `model_not_installed`, `not_routed`, `draining` or `queue_full`; absent
    /// when available.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub code: String,
    /// The same in words, e.g. "davas: agent down since …"; absent when available.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

impl From<&ModelAvailability> for ModelView {
    fn from(model: &ModelAvailability) -> Self {
        Self {
            model: model.model.clone(),
            available: model.available,
            available_on: model
                .nodes
                .iter()
                .filter(|node| node.available)
                .map(|node| node.node.clone())
                .collect(),
            routed_nodes: model.routed_nodes.clone(),
            nodes: model.nodes.iter().map(NodeAvailabilityView::from).collect(),
            other_nodes: model.other_nodes,
        }
    }
}

impl From<&NodeAvailability> for NodeAvailabilityView {
    fn from(node: &NodeAvailability) -> Self {
        Self {
            node: node.node.clone(),
            available: node.available,
            loaded: node.loaded,
            code: ineligibility_word(node.code),
            reason: node.reason.clone(),
        }
    }
}

#[cfg(test)]
mod tests;
