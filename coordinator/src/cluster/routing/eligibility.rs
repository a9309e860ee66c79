//! Whether one node can take a job for a model now, and, when it cannot, the first reason
//! why as a code and in words: a model missing from the node's last known list first (the
//! lasting fact), then down, Ollama down, draining, over budget, rate limited, model missing,
//! queue full.

use proto::v1::IneligibilityCode;

use crate::cluster::node::NodeEntry;

/// Why `node` cannot take a job for `model` now, or `None` when it can.
pub fn ineligibility(
    node: &NodeEntry,
    model: &str,
    queue_capacity: usize,
    now_ms: i64,
) -> Option<(IneligibilityCode, String)> {
    let code = ineligibility_code(node, model, queue_capacity, now_ms)?;
    Some((code, describe_ineligibility(node, code, model, now_ms)))
}

/// The first reason `node` cannot take a job for `model`, not yet put in words: routing asks
/// this of every candidate, and a rejection describes only the nodes it names.
pub fn ineligibility_code(
    node: &NodeEntry,
    model: &str,
    queue_capacity: usize,
    now_ms: i64,
) -> Option<IneligibilityCode> {
    // A node known not to have the model says so even while it is down or draining: that
    // outlasts the outage, and it is what the operator needs to learn. A provider that no
    // longer lists a model it was set to offer says so in its own words.
    let unavailable = node.unavailable(model, now_ms);
    if let Some(entry) =
        unavailable.filter(|entry| entry.code != IneligibilityCode::RateLimited as i32)
    {
        return Some(
            IneligibilityCode::try_from(entry.code).unwrap_or(IneligibilityCode::ModelNotOffered),
        );
    }
    if node.knows_installed() && !node.has_model(model) {
        return Some(IneligibilityCode::ModelNotInstalled);
    }
    if node.link.is_none() {
        return Some(if node.last_seen_ms == 0 {
            IneligibilityCode::NeverSeen
        } else if node.disconnected.is_some() {
            IneligibilityCode::AgentDisconnected
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
    // A spent budget outlasts a provider's rate limit (it resets at midnight or on the 1st),
    // so it is the reason to give when both hold.
    if node.over_budget(model, now_ms).is_some() {
        return Some(IneligibilityCode::BudgetExhausted);
    }
    if unavailable.is_some() {
        return Some(IneligibilityCode::RateLimited);
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
pub(super) fn describe_ineligibility(
    node: &NodeEntry,
    code: IneligibilityCode,
    model: &str,
    now_ms: i64,
) -> String {
    let text = match code {
        IneligibilityCode::NeverSeen
        | IneligibilityCode::AgentDown
        | IneligibilityCode::AgentDisconnected => node.down_description(now_ms),
        IneligibilityCode::OllamaDown => node.state(now_ms).1,
        IneligibilityCode::Draining => "draining".to_owned(),
        IneligibilityCode::ModelNotInstalled if node.is_provider() => {
            format!("{} does not serve {model} here", node.backend)
        }
        IneligibilityCode::ModelNotInstalled => format!("model {model} not installed"),
        IneligibilityCode::QueueFull => format!(
            "queue full: {} running, {} queued",
            node.running.len(),
            node.queue.len()
        ),
        IneligibilityCode::NotRouted => {
            format!("has {model} but its route allows only other nodes")
        }
        IneligibilityCode::ModelNotOffered => node
            .unavailable(model, now_ms)
            .map(|entry| entry.reason.clone())
            .unwrap_or_else(|| format!("the provider does not list {model}")),
        IneligibilityCode::RateLimited => match node.unavailable(model, now_ms) {
            Some(entry) => format!(
                "rate limited until {}: {}",
                crate::clock::format_clock_time(entry.until_ms),
                entry.reason
            ),
            None => "rate limited".to_owned(),
        },
        IneligibilityCode::BudgetExhausted => node
            .over_budget(model, now_ms)
            .map(|limit| limit.describe(now_ms))
            .unwrap_or_else(|| "budget exhausted".to_owned()),
        IneligibilityCode::Unspecified => "not eligible".to_owned(),
    };
    format!("{}: {text}", node.name)
}
