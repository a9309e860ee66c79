//! The routing rule (DESIGN.md, "the heart"): which nodes may run a job for a model, why each
//! other candidate may not, and which eligible node takes it. A job only ever runs on the model
//! it names; when no node can serve that model the answer is a rejection with every reason.

use std::collections::{BTreeMap, HashSet};

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
    let code = ineligibility_code(node, model, queue_capacity)?;
    Some((code, describe_ineligibility(node, code, model, now_ms)))
}

/// The first reason `node` cannot take a job for `model`, not yet put in words: routing asks
/// this of every candidate, and a rejection describes only the nodes it names.
pub fn ineligibility_code(
    node: &NodeEntry,
    model: &str,
    queue_capacity: usize,
) -> Option<IneligibilityCode> {
    if node.link.is_none() {
        return Some(if node.last_seen_ms == 0 {
            IneligibilityCode::NeverSeen
        } else {
            IneligibilityCode::AgentDown
        });
    }
    if !node.ollama_reachable() {
        return Some(IneligibilityCode::OllamaDown);
    }
    if node.draining {
        return Some(IneligibilityCode::Draining);
    }
    if !node.has_model(model) {
        return Some(IneligibilityCode::ModelNotInstalled);
    }
    if !node.has_free_slot() && node.queue.len() >= queue_capacity {
        return Some(IneligibilityCode::QueueFull);
    }
    None
}

/// "davas: model gemma4:27b not installed", "homelab: agent down since … (41 s): …".
fn describe_ineligibility(
    node: &NodeEntry,
    code: IneligibilityCode,
    model: &str,
    now_ms: i64,
) -> String {
    let text = match code {
        IneligibilityCode::NeverSeen | IneligibilityCode::AgentDown => {
            node.down_description(now_ms)
        }
        IneligibilityCode::OllamaDown => node.state(now_ms).1,
        IneligibilityCode::Draining => "draining".to_owned(),
        IneligibilityCode::ModelNotInstalled => format!("model {model} not installed"),
        IneligibilityCode::QueueFull => format!(
            "queue full ({} running, {} queued)",
            node.running.len(),
            node.queue.len()
        ),
        IneligibilityCode::NotRouted => {
            format!("has {model} but its route allows only other nodes")
        }
        IneligibilityCode::Unspecified => "not eligible".to_owned(),
    };
    format!("{}: {text}", node.name)
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
        match ineligibility_code(node, model, queue_capacity) {
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

/// At most this many nodes are named one by one in a rejection; the rest are counted per code.
/// Every reason travels in the gRPC status (message and details, both HTTP/2 trailers) and in
/// the job's record: ten thousand nodes without the model would overflow the trailers' size
/// limit (the client's connection fails) and add a megabyte to every rejected job.
pub const NAMED_REASONS: usize = 16;

/// Describes the first [`NAMED_REASONS`] ineligible nodes (by index into `nodes`), those that
/// are not "model not installed" first (a node that is down or busy may be the one the caller
/// expected), and counts the rest in one entry per code. Every code present stays present, so
/// whether the rejection is transient does not change; only the named nodes are put in words.
pub fn bounded_reasons(
    nodes: &[NodeEntry],
    ineligible: Vec<(usize, IneligibilityCode)>,
    model: &str,
    now_ms: i64,
) -> Vec<NodeIneligibility> {
    let mut named = ineligible;
    if named.len() > NAMED_REASONS {
        // Stable: config order within each group.
        named.sort_by_key(|(_, code)| *code == IneligibilityCode::ModelNotInstalled);
    }
    let omitted = named.split_off(named.len().min(NAMED_REASONS));
    let mut reasons: Vec<NodeIneligibility> = named
        .into_iter()
        .map(|(index, code)| NodeIneligibility {
            node: nodes[index].name.clone(),
            code: code as i32,
            reason: describe_ineligibility(&nodes[index], code, model, now_ms),
        })
        .collect();
    let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
    for (_, code) in omitted {
        *counts.entry(code as i32).or_default() += 1;
    }
    reasons.extend(counts.into_iter().map(|(code, count)| {
        let more = format!("{count} more nodes");
        NodeIneligibility {
            reason: format!("{more}: {}", code_description(code, model)),
            node: more,
            code,
        }
    }));
    reasons
}

/// What a code means, for a line that stands for many nodes.
fn code_description(code: i32, model: &str) -> String {
    match IneligibilityCode::try_from(code) {
        Ok(IneligibilityCode::NeverSeen) => "never seen".to_owned(),
        Ok(IneligibilityCode::AgentDown) => "agent down".to_owned(),
        Ok(IneligibilityCode::OllamaDown) => "ollama not answering".to_owned(),
        Ok(IneligibilityCode::ModelNotInstalled) => format!("model {model} not installed"),
        Ok(IneligibilityCode::NotRouted) => {
            format!("have {model} but its route allows only other nodes")
        }
        Ok(IneligibilityCode::Draining) => "draining".to_owned(),
        Ok(IneligibilityCode::QueueFull) => "queue full".to_owned(),
        Ok(IneligibilityCode::Unspecified) | Err(_) => "not eligible".to_owned(),
    }
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
