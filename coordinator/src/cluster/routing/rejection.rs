//! A rejection's reasons: every ineligible node's, bounded so that ten thousand nodes fit a
//! gRPC status, and whether retrying later may work (transient) or not.

use std::collections::BTreeMap;

use proto::v1::{IneligibilityCode, NodeIneligibility};

use super::eligibility::describe_ineligibility;
use crate::cluster::node::NodeEntry;

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
        Ok(IneligibilityCode::AgentDisconnected) => "agent disconnected".to_owned(),
        Ok(IneligibilityCode::OllamaDown) => "ollama not answering".to_owned(),
        Ok(IneligibilityCode::ModelNotInstalled) => format!("model {model} not installed"),
        Ok(IneligibilityCode::NotRouted) => {
            format!("have {model} but its route allows only other nodes")
        }
        Ok(IneligibilityCode::Draining) => "draining".to_owned(),
        Ok(IneligibilityCode::QueueFull) => "queue full".to_owned(),
        Ok(IneligibilityCode::ModelNotOffered) => format!("provider does not list {model}"),
        Ok(IneligibilityCode::RateLimited) => "rate limited".to_owned(),
        Ok(IneligibilityCode::BudgetExhausted) => "budget exhausted".to_owned(),
        Ok(IneligibilityCode::Unspecified) | Err(_) => "not eligible".to_owned(),
    }
}

/// When every node that has the model is rate limited by its provider or over a budget
/// covering it (the others do not have it), how long until the first of them can take the job
/// again: the `Retry-After` a client may honour. `None` when some node is down or busy
/// instead, or none is rate limited or over budget.
pub fn retry_wait_ms(
    nodes: &[NodeEntry],
    reasons: &[NodeIneligibility],
    model: &str,
    now_ms: i64,
) -> Option<u64> {
    let lacks_the_model = |code: i32| {
        matches!(
            IneligibilityCode::try_from(code),
            Ok(IneligibilityCode::ModelNotInstalled
                | IneligibilityCode::ModelNotOffered
                | IneligibilityCode::NotRouted)
        )
    };
    let waits = |code: i32| {
        code == IneligibilityCode::RateLimited as i32
            || code == IneligibilityCode::BudgetExhausted as i32
    };
    let mut having = reasons
        .iter()
        .filter(|reason| !lacks_the_model(reason.code))
        .peekable();
    having.peek()?;
    if !having.all(|reason| waits(reason.code)) {
        return None;
    }
    // A node may be both: it can take the job once both have ended.
    nodes
        .iter()
        .filter(|node| node.has_model(model) || node.unavailable(model, now_ms).is_some())
        .filter_map(|node| {
            let limited = node
                .unavailable(model, now_ms)
                .filter(|entry| entry.code == IneligibilityCode::RateLimited as i32)
                .map(|entry| entry.until_ms);
            let over_budget = node
                .over_budget(model, now_ms)
                .map(|limit| limit.resets_at_ms);
            limited.max(over_budget)
        })
        .map(|until_ms| u64::try_from(until_ms.saturating_sub(now_ms)).unwrap_or(0))
        .min()
}

/// UNAVAILABLE when every candidate is merely unhealthy or busy (retrying later may work),
/// FAILED_PRECONDITION when the model is missing or not allowed anywhere.
pub fn rejection_is_transient(reasons: &[NodeIneligibility]) -> bool {
    !reasons.is_empty()
        && reasons.iter().all(|reason| {
            matches!(
                IneligibilityCode::try_from(reason.code),
                Ok(IneligibilityCode::AgentDown
                    | IneligibilityCode::AgentDisconnected
                    | IneligibilityCode::OllamaDown
                    | IneligibilityCode::Draining
                    | IneligibilityCode::QueueFull
                    | IneligibilityCode::RateLimited)
            )
        })
}
