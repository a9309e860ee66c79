//! A node as the `list_nodes` and `set_draining` tools show it: its state and why, its
//! Ollama's models, its load, and its host's facts.

use proto::v1::{HostFacts, Node, NodeState};
use schemars::JsonSchema;
use serde::Serialize;

use super::nonzero;

/// Every node the coordinator knows (configured or connected).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct NodeListView {
    pub nodes: Vec<NodeView>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct NodeView {
    pub name: String,
    /// `ready`, `ollama_down` (`provider_down` for a cloud provider's node), `draining`,
    /// `disconnected` (its link dropped; its running jobs are held for it to come back) or
    /// `down`.
    pub state: String,
    /// `ollama`, or the cloud provider serving the node (`groq`, `gemini`, `anthropic`).
    pub backend: String,
    /// Models the node would serve but cannot now (a provider no longer lists it, or it is
    /// rate limited), each with why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unavailable_models: Vec<UnavailableModelView>,
    /// Why the node is not ready (e.g. "no heartbeat for 6 s"); absent when it is.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub state_reason: String,
    /// Taking no new jobs (running ones finish).
    pub draining: bool,
    pub labels: Vec<String>,
    pub agent_version: String,
    pub ollama_reachable: bool,
    /// The node's Ollama in words: `answering`, `not answering`, or `unknown (agent down)`
    /// while the agent that would ask it is down.
    pub ollama: String,
    pub ollama_version: String,
    /// Models installed in the node's Ollama: the last list it confirmed, kept while Ollama
    /// or the agent is down (`installed_as_of_ms` says when).
    pub installed_models: Vec<String>,
    /// Unix milliseconds when `installed_models` was last confirmed; absent when never.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub installed_as_of_ms: Option<i64>,
    /// Models loaded in the node's Ollama memory right now.
    pub loaded_models: Vec<String>,
    /// Jobs running on the node now.
    pub running_jobs: u32,
    /// Jobs waiting for a slot on the node.
    pub queued_jobs: u32,
    /// Jobs the node runs at once.
    pub max_parallel: u32,
    /// Jobs that may wait for the node.
    pub queue_capacity: u32,
    /// Unix milliseconds of the last message from its agent; absent when never seen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_seen_ms: Option<i64>,
    /// The host's facts as its agent last reported them; absent when never seen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<HostView>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct UnavailableModelView {
    pub model: String,
    /// `model_not_offered` or `rate_limited`.
    pub code: String,
    pub reason: String,
    /// Unix milliseconds when a rate limit ends; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until_ms: Option<i64>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct HostView {
    pub hostname: String,
    pub os: String,
    pub cpu_cores: u32,
    pub cpu_usage_percent: f32,
    pub load_1m: f64,
    pub memory_total_bytes: u64,
    pub memory_available_bytes: u64,
    pub disk_total_bytes: u64,
    pub disk_free_bytes: u64,
    pub uptime_seconds: u64,
}

impl From<&Node> for NodeView {
    fn from(node: &Node) -> Self {
        Self {
            name: node.name.clone(),
            state: client::words::node_state_of(node).to_owned(),
            backend: if node.backend.is_empty() {
                "ollama".to_owned()
            } else {
                node.backend.clone()
            },
            unavailable_models: node
                .unavailable
                .iter()
                .map(|entry| UnavailableModelView {
                    model: entry.model.clone(),
                    code: client::words::ineligibility(entry.code).to_owned(),
                    reason: entry.reason.clone(),
                    until_ms: nonzero(entry.until_ms),
                })
                .collect(),
            state_reason: node.state_reason.clone(),
            draining: node.draining,
            labels: node.labels.clone(),
            agent_version: node.agent_version.clone(),
            ollama_reachable: node.ollama_reachable,
            ollama: ollama_in_words(node).to_owned(),
            ollama_version: node.ollama_version.clone(),
            installed_models: node.installed.iter().map(|m| m.name.clone()).collect(),
            installed_as_of_ms: nonzero(node.installed_as_of_ms),
            loaded_models: node.loaded.iter().map(|m| m.name.clone()).collect(),
            running_jobs: node.running,
            queued_jobs: node.queued,
            max_parallel: node.max_parallel,
            queue_capacity: node.queue_capacity,
            last_seen_ms: nonzero(node.last_seen_ms),
            host: node.host.as_ref().map(HostView::from),
        }
    }
}

/// A down agent cannot ask its Ollama, so nothing is known of it: not "not answering".
fn ollama_in_words(node: &Node) -> &'static str {
    if node.state == NodeState::Down as i32 {
        "unknown (agent down)"
    } else if node.ollama_reachable {
        "answering"
    } else {
        "not answering"
    }
}

impl From<&HostFacts> for HostView {
    fn from(host: &HostFacts) -> Self {
        Self {
            hostname: host.hostname.clone(),
            os: host.os.clone(),
            cpu_cores: host.cpu_cores,
            cpu_usage_percent: host.cpu_usage_percent,
            load_1m: host.load_1m,
            memory_total_bytes: host.memory_total_bytes,
            memory_available_bytes: host.memory_available_bytes,
            disk_total_bytes: host.disk_total_bytes,
            disk_free_bytes: host.disk_free_bytes,
            uptime_seconds: host.uptime_seconds,
        }
    }
}

#[cfg(test)]
mod tests;
