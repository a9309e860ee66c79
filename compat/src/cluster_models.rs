//! The models a request may name now: every model at least one node can take a job for, with
//! those nodes and what the nodes' Ollama (or provider) said about it. `/v1/models`,
//! `/api/tags` and `/api/ps` are views of this.

#[cfg(test)]
mod tests;

use client::Coordinator;
use proto::v1::{
    InstalledModel, ListModelsRequest, ListNodesRequest, LoadedModel, ModelAvailability, Node,
};

use crate::refusal::{NodeReason, Refusal, RefusalKind};

/// A model that can run now.
#[derive(Debug, Clone, PartialEq)]
pub struct ServedModel {
    pub name: String,
    /// The nodes that can take a job for it now, in the coordinator's order.
    pub nodes: Vec<String>,
    /// What the first of those nodes reported of it (size, digest, family, …); `None` for a
    /// provider's model, which has no such facts.
    pub facts: Option<InstalledModel>,
    /// Where it is loaded in memory now, node by node.
    pub loaded: Vec<(String, LoadedModel)>,
}

/// The whole cluster as the model endpoints need it.
#[derive(Debug, Clone, Default)]
pub struct ClusterModels {
    pub models: Vec<ModelAvailability>,
    pub nodes: Vec<Node>,
}

impl ClusterModels {
    pub async fn fetch(coordinator: &Coordinator) -> Result<Self, Refusal> {
        let mut cluster = coordinator.cluster();
        let models = cluster
            .list_models(ListModelsRequest {})
            .await
            .map_err(|status| Refusal::from_status(&status))?
            .into_inner()
            .models;
        let nodes = cluster
            .list_nodes(ListNodesRequest::default())
            .await
            .map_err(|status| Refusal::from_status(&status))?
            .into_inner()
            .nodes;
        Ok(Self { models, nodes })
    }

    /// The models at least one node can run now, by name.
    pub fn served(&self) -> Vec<ServedModel> {
        let mut served: Vec<ServedModel> = self
            .models
            .iter()
            .filter(|model| model.available)
            .map(|model| self.served_model(model))
            .collect();
        served.sort_by(|left, right| left.name.cmp(&right.name));
        served
    }

    /// `name` when some node can run it now.
    pub fn find(&self, name: &str) -> Option<ServedModel> {
        self.models
            .iter()
            .find(|model| model.available && model.model == name)
            .map(|model| self.served_model(model))
    }

    /// `name` when some node can run it now, else why not: a 404-kind refusal when no node
    /// has it (naming `listing`, where the caller finds those that can run), a 503-kind one
    /// with every node's reason when it exists but cannot run now.
    pub fn servable(&self, name: &str, listing: &str) -> Result<ServedModel, Refusal> {
        if let Some(model) = self.find(name) {
            return Ok(model);
        }
        let Some(model) = self.models.iter().find(|model| model.model == name) else {
            return Err(Refusal {
                param: Some("model"),
                ..Refusal::new(
                    RefusalKind::ModelNotFound,
                    format!("no node has model {name}: {listing} lists those that can run now"),
                )
            });
        };
        Err(Refusal {
            param: Some("model"),
            nodes: model
                .nodes
                .iter()
                .map(|node| NodeReason {
                    node: node.node.clone(),
                    code: client::words::ineligibility(node.code).to_owned(),
                    reason: node.reason.clone(),
                })
                .collect(),
            ..Refusal::new(
                RefusalKind::ModelUnavailable,
                format!("no node can run {name} now"),
            )
        })
    }

    fn served_model(&self, model: &ModelAvailability) -> ServedModel {
        let nodes: Vec<String> = model
            .nodes
            .iter()
            .filter(|node| node.available)
            .map(|node| node.node.clone())
            .collect();
        let node_named = |name: &String| self.nodes.iter().find(|node| &node.name == name);
        let facts = nodes
            .iter()
            .filter_map(node_named)
            .find_map(|node| node.installed.iter().find(|m| m.name == model.model))
            .cloned();
        let loaded = nodes
            .iter()
            .filter_map(node_named)
            .flat_map(|node| {
                node.loaded
                    .iter()
                    .filter(|loaded| loaded.name == model.model)
                    .map(|loaded| (node.name.clone(), loaded.clone()))
            })
            .collect();
        ServedModel {
            name: model.model.clone(),
            nodes,
            facts,
            loaded,
        }
    }
}
