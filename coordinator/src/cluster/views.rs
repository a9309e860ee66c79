//! What the cluster looks like from outside: nodes with their state and host facts, models
//! with per-node availability and reasons (the nodes that have or are routed each model,
//! the others counted), as much of each as the caller asks for.

use std::collections::BTreeSet;

use proto::v1::{InstalledModel, ModelAvailability, Node, NodeAvailability};

use super::events::NodeDetail;
use super::main_loop::Cluster;
use super::node::{NodeEntry, names_model};
use super::routing::{candidates, ineligibility};
use super::stored_status::StoredStatus;

impl Cluster {
    /// Every node, with as much of each as `detail` says.
    pub(super) fn node_views(&self, detail: NodeDetail) -> Vec<Node> {
        let now = self.clock.now_ms();
        self.nodes
            .iter()
            .map(|node| self.node_view(node, now, detail))
            .collect()
    }

    pub(super) fn node_view(&self, node: &NodeEntry, now: i64, detail: NodeDetail) -> Node {
        let (state, state_reason) = node.state(now);
        let empty = StoredStatus::default();
        let status = node.status.as_ref().unwrap_or(&empty);
        let hello = node.link.as_ref().map(|link| &link.hello);
        let model_lists = detail == NodeDetail::Full;
        Node {
            name: node.name.clone(),
            state: state as i32,
            state_reason,
            draining: node.draining,
            labels: node.labels.clone(),
            agent_version: hello
                .as_ref()
                .map(|hello| hello.agent_version.clone())
                .unwrap_or_default(),
            host: status
                .host
                .clone()
                .or_else(|| hello.and_then(|hello| hello.host.clone())),
            ollama_reachable: node.link.is_some() && status.ollama_reachable,
            ollama_version: status.ollama_version.to_string(),
            installed: match detail {
                NodeDetail::Full => status
                    .installed
                    .iter()
                    .map(|model| model.model().clone())
                    .collect(),
                NodeDetail::ModelNames => status
                    .installed
                    .iter()
                    .map(|model| InstalledModel {
                        name: model.model().name.clone(),
                        ..InstalledModel::default()
                    })
                    .collect(),
                NodeDetail::Brief => Vec::new(),
            },
            loaded: if model_lists {
                status.loaded.clone()
            } else {
                Vec::new()
            },
            last_seen_ms: node.last_seen_ms,
            connected_since_ms: node
                .link
                .as_ref()
                .map(|link| link.connected_at_ms)
                .unwrap_or(0),
            max_parallel: node.max_parallel() as u32,
            running: node.running.len() as u32,
            queued: node.queue.len() as u32,
            queue_capacity: self.queue_capacity as u32,
            installed_as_of_ms: node.installed_as_of_ms,
            backend: node.backend.clone(),
            unavailable: if model_lists {
                status.unavailable.clone()
            } else {
                Vec::new()
            },
        }
    }

    /// Every model that is routed or installed anywhere, with the answer of each node that
    /// has it or is routed it (`model_view`).
    /// Without `answers`, each model says only whether it is available and where routed.
    pub(super) fn model_views(&self, answers: bool) -> Vec<ModelAvailability> {
        let now = self.clock.now_ms();
        self.listed_models()
            .into_iter()
            .map(|model| match answers {
                true => self.model_view(model, now),
                false => self.model_availability(model, now),
            })
            .collect()
    }

    /// The models `ListModels` lists: routed ones and those on any node's last known list.
    pub(super) fn listed_models(&self) -> BTreeSet<String> {
        let mut models: BTreeSet<String> = self.routes.keys().cloned().collect();
        // Each node's last known list, so a model stays listed while its node's Ollama or agent
        // is down. Ten thousand nodes report the same few models: allocate a name only when
        // it is new.
        for node in &self.nodes {
            let Some(status) = node.status.as_ref() else {
                continue;
            };
            // A provider's names are its own (`llama-3.3-70b-versatile`, `models/…`): no tag.
            for unavailable in &status.unavailable {
                if !models.contains(unavailable.model.as_str()) {
                    models.insert(unavailable.model.clone());
                }
            }
            for installed in &status.installed {
                if !installed.name.contains(':') && !node.is_provider() {
                    models.insert(super::job_spec::canonical_model_name(&installed.name));
                } else if !models.contains(installed.name.as_str()) {
                    models.insert(installed.name.clone());
                }
            }
        }
        models
    }

    /// Whether any node can take `model` now, without each node's answer.
    fn model_availability(&self, model: String, now: i64) -> ModelAvailability {
        let available = candidates(&self.nodes, &self.routes, &model)
            .into_iter()
            .any(|index| {
                ineligibility(&self.nodes[index], &model, self.queue_capacity, now).is_none()
            });
        ModelAvailability {
            available,
            routed_nodes: self.routes.get(&model).cloned().unwrap_or_default(),
            model,
            ..ModelAvailability::default()
        }
    }

    /// `model`'s candidates with their answers: all of them when a route names them, else only
    /// the nodes whose last known list names the model; the rest are counted.
    fn model_view(&self, model: String, now: i64) -> ModelAvailability {
        let routed = self.routes.contains_key(&model);
        let mut other_nodes = 0;
        let nodes: Vec<NodeAvailability> = candidates(&self.nodes, &self.routes, &model)
            .into_iter()
            .filter(|&index| {
                let shown = routed || lists_model(&self.nodes[index], &model);
                other_nodes += u32::from(!shown);
                shown
            })
            .map(|index| {
                let node = &self.nodes[index];
                let why = ineligibility(node, &model, self.queue_capacity, now);
                NodeAvailability {
                    node: node.name.clone(),
                    available: why.is_none(),
                    loaded: node.link.is_some() && node.has_model_loaded(&model),
                    code: why.as_ref().map(|(code, _)| *code as i32).unwrap_or(0),
                    reason: why.map(|(_, reason)| reason).unwrap_or_default(),
                }
            })
            .collect();
        ModelAvailability {
            available: nodes.iter().any(|node| node.available),
            routed_nodes: self.routes.get(&model).cloned().unwrap_or_default(),
            model,
            nodes,
            other_nodes,
        }
    }
}

/// Whether `node`'s last known lists name `model`: installed, or named unavailable by its
/// provider (a model it no longer offers, or one rate limited).
fn lists_model(node: &NodeEntry, model: &str) -> bool {
    node.has_model(model)
        || node.status.as_ref().is_some_and(|status| {
            status
                .unavailable
                .iter()
                .any(|entry| names_model(&entry.model, model))
        })
}
