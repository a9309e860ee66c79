//! The routing rule (DESIGN.md, "the heart"): which nodes may run a job for a model, why each
//! other candidate may not (`eligibility`), and which eligible node takes it. A job only ever
//! runs on the model it names; when no node can serve that model the answer is a rejection
//! with every reason (`rejection`).

mod eligibility;
mod rejection;

use std::collections::{BTreeMap, HashSet};

use proto::v1::{IneligibilityCode, NodeIneligibility};

pub use eligibility::{ineligibility, ineligibility_code};
pub use rejection::{NAMED_REASONS, bounded_reasons, rejection_is_transient, retry_wait_ms};

use super::node::NodeEntry;

/// The outcome of routing one job.
#[derive(Debug, PartialEq)]
pub enum RouteDecision {
    /// Run on this node (by index into the node list).
    Node(usize),
    /// No node can take it; one entry per candidate node.
    Rejected(Vec<NodeIneligibility>),
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
    let mut ineligible = Vec::new();
    let mut best: Option<usize> = None;
    for &index in &candidate_indices {
        let node = &nodes[index];
        match ineligibility_code(node, model, queue_capacity, now_ms) {
            None => {
                if best.is_none_or(|chosen| node.load() < nodes[chosen].load()) {
                    best = Some(index);
                }
            }
            Some(code) => ineligible.push((index, code)),
        }
    }
    if let Some(index) = best {
        return RouteDecision::Node(index);
    }
    // Without a route every node is a candidate, so no node is outside it.
    if routes.contains_key(model) {
        let routed: HashSet<usize> = candidate_indices.iter().copied().collect();
        for (index, node) in nodes.iter().enumerate() {
            if !routed.contains(&index) && node.has_model(model) {
                ineligible.push((index, IneligibilityCode::NotRouted));
            }
        }
    }
    RouteDecision::Rejected(bounded_reasons(nodes, ineligible, model, now_ms))
}

#[cfg(test)]
mod tests;
