//! The routing rule (DESIGN.md, "the heart"): which nodes may run a job for a model, why each
//! other candidate may not, and which eligible node takes it. A job only ever runs on the model
//! it names; when no node can serve that model the answer is a rejection with every reason.

use std::collections::BTreeMap;

use proto::v1::{IneligibilityCode, NodeIneligibility};

use super::node::NodeEntry;

/// The outcome of routing one job.
#[derive(Debug, PartialEq)]
pub enum RouteDecision {
    /// Run on this node (by index into the node list).
    Node(usize),
    /// No node can take it; one entry per candidate node.
    Rejected(Vec<NodeIneligibility>),
}

/// Why `node` cannot take a job for `model` now, or `None` when it can.
pub fn ineligibility(
    node: &NodeEntry,
    model: &str,
    queue_capacity: usize,
    now_ms: i64,
) -> Option<(IneligibilityCode, String)> {
    let describe = |text: String| format!("{}: {text}", node.name);
    if node.link.is_none() {
        let code = if node.last_seen_ms == 0 {
            IneligibilityCode::NeverSeen
        } else {
            IneligibilityCode::AgentDown
        };
        return Some((code, describe(node.down_description(now_ms))));
    }
    if !node.ollama_reachable() {
        let (_, why) = node.state(now_ms);
        return Some((IneligibilityCode::OllamaDown, describe(why)));
    }
    if node.draining {
        return Some((IneligibilityCode::Draining, describe("draining".into())));
    }
    if !node.has_model(model) {
        return Some((
            IneligibilityCode::ModelNotInstalled,
            describe(format!("model {model} not installed")),
        ));
    }
    if !node.has_free_slot() && node.queue.len() >= queue_capacity {
        return Some((
            IneligibilityCode::QueueFull,
            describe(format!(
                "queue full ({} running, {} queued)",
                node.running.len(),
                node.queue.len()
            )),
        ));
    }
    None
}

/// The node indices that may serve `model`: those its route names (in config order), or every
/// node when the model has no route.
pub fn candidates(
    nodes: &[NodeEntry],
    routes: &BTreeMap<String, Vec<String>>,
    model: &str,
) -> Vec<usize> {
    match routes.get(model) {
        Some(allowed) => allowed
            .iter()
            .filter_map(|name| nodes.iter().position(|node| &node.name == name))
            .collect(),
        None => (0..nodes.len()).collect(),
    }
}

/// Routes a job for `model`: the least-loaded eligible candidate, ties going to config order;
/// otherwise every candidate's reason, plus a note for nodes that have the model but are
/// outside its route (so the operator sees why they were not used).
pub fn route(
    nodes: &[NodeEntry],
    routes: &BTreeMap<String, Vec<String>>,
    model: &str,
    queue_capacity: usize,
    now_ms: i64,
) -> RouteDecision {
    let candidate_indices = candidates(nodes, routes, model);
    let mut reasons = Vec::new();
    let mut best: Option<usize> = None;
    for &index in &candidate_indices {
        let node = &nodes[index];
        match ineligibility(node, model, queue_capacity, now_ms) {
            None => {
                if best.is_none_or(|chosen| node.load() < nodes[chosen].load()) {
                    best = Some(index);
                }
            }
            Some((code, reason)) => reasons.push(NodeIneligibility {
                node: node.name.clone(),
                code: code as i32,
                reason,
            }),
        }
    }
    if let Some(index) = best {
        return RouteDecision::Node(index);
    }
    for (index, node) in nodes.iter().enumerate() {
        if !candidate_indices.contains(&index) && node.has_model(model) {
            reasons.push(NodeIneligibility {
                node: node.name.clone(),
                code: IneligibilityCode::NotRouted as i32,
                reason: format!(
                    "{}: has {model} but its route allows only other nodes",
                    node.name
                ),
            });
        }
    }
    RouteDecision::Rejected(reasons)
}

/// UNAVAILABLE when every candidate is merely unhealthy or busy (retrying later may work),
/// FAILED_PRECONDITION when the model is missing or not allowed anywhere.
pub fn rejection_is_transient(reasons: &[NodeIneligibility]) -> bool {
    !reasons.is_empty()
        && reasons.iter().all(|reason| {
            matches!(
                IneligibilityCode::try_from(reason.code),
                Ok(IneligibilityCode::AgentDown
                    | IneligibilityCode::OllamaDown
                    | IneligibilityCode::Draining
                    | IneligibilityCode::QueueFull)
            )
        })
}

#[cfg(test)]
#[path = "routing_tests.rs"]
mod tests;
