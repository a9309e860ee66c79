//! One node as the coordinator sees it: its config, its agent's link (when connected), the
//! agent's last status, and the job slots and queue it holds.

use std::collections::{HashSet, VecDeque};
use std::time::Instant;

use proto::v1::{AgentHello, IneligibilityCode, NodeState, UnavailableModel};

pub use super::agent_outbound::Outbound;
use super::stored_status::StoredStatus;
use crate::clock::format_rfc3339;
use crate::spend::Exhaustion;

/// A connected agent's stream.
#[derive(Debug)]
pub struct NodeLink {
    pub connection_id: u64,
    pub outbound: Outbound,
    pub connected_at_ms: i64,
    pub last_heard: Instant,
    pub hello: AgentHello,
}

/// A node between losing its link and being declared lost.
#[derive(Debug, Clone, Copy)]
pub struct Disconnected {
    /// When the grace ends and the node is lost, unless its agent re-attached.
    pub grace_ends: Instant,
    pub grace_ends_ms: i64,
}

#[derive(Debug)]
pub struct NodeEntry {
    pub name: String,
    pub labels: Vec<String>,
    pub link: Option<NodeLink>,
    /// The agent's last status; kept after it disconnects, to show what it had. Its `installed`
    /// is the last list a reachable Ollama confirmed: a status saying Ollama is unreachable
    /// keeps the earlier list (`status_reports`), so a model stays listed, unavailable.
    pub status: Option<StoredStatus>,
    /// What serves the node's models, from its agent's last hello: "ollama", "groq", …
    pub backend: String,
    /// When `status.installed` was last confirmed by a reachable Ollama; 0 when never.
    pub installed_as_of_ms: i64,
    /// The slots the agent's last hello offered; kept while it is down, so views do not
    /// shrink a node to one slot because its agent restarts.
    pub max_parallel: usize,
    pub last_seen_ms: i64,
    pub down_since_ms: i64,
    pub down_reason: String,
    /// Set while the node's link has dropped but its running jobs are held for the agent to
    /// re-attach (`disconnect_grace`); `down_since_ms` and `down_reason` say since when, why.
    pub disconnected: Option<Disconnected>,
    pub draining: bool,
    /// Jobs holding a slot: assigned to the agent and not yet finished by it.
    pub running: HashSet<String>,
    pub queue: VecDeque<String>,
    /// The spent budget limits covering this node (any model), as the loop last shared them.
    pub over_budget: Vec<Exhaustion>,
}

impl NodeEntry {
    pub fn new(name: String, labels: Vec<String>) -> Self {
        Self {
            name,
            labels,
            link: None,
            status: None,
            backend: "ollama".to_owned(),
            installed_as_of_ms: 0,
            max_parallel: 1,
            last_seen_ms: 0,
            down_since_ms: 0,
            down_reason: String::new(),
            disconnected: None,
            draining: false,
            running: HashSet::new(),
            queue: VecDeque::new(),
            over_budget: Vec::new(),
        }
    }

    /// The first spent budget limit covering `model` here, while its period lasts.
    pub fn over_budget(&self, model: &str, now_ms: i64) -> Option<&Exhaustion> {
        self.over_budget
            .iter()
            .find(|limit| limit.in_force(now_ms) && limit.covers(model, &self.name))
    }

    pub fn max_parallel(&self) -> usize {
        self.max_parallel
    }

    pub fn has_free_slot(&self) -> bool {
        self.running.len() < self.max_parallel()
    }

    /// Jobs per slot, for least-loaded choice.
    pub fn load(&self) -> f64 {
        (self.running.len() + self.queue.len()) as f64 / self.max_parallel() as f64
    }

    /// Whether a cloud provider rather than Ollama serves this node.
    pub fn is_provider(&self) -> bool {
        self.backend != "ollama"
    }

    /// Why `model` cannot be served here now though the node would serve it (the provider
    /// does not list it, or it is rate limited until a time still ahead), if so.
    pub fn unavailable(&self, model: &str, now_ms: i64) -> Option<&UnavailableModel> {
        self.status.as_ref()?.unavailable.iter().find(|entry| {
            names_model(&entry.model, model)
                && (entry.code != IneligibilityCode::RateLimited as i32 || entry.until_ms > now_ms)
        })
    }

    pub fn ollama_reachable(&self) -> bool {
        self.status
            .as_ref()
            .is_some_and(|status| status.ollama_reachable)
    }

    /// True once a reachable Ollama has told which models the node has: only then is "not
    /// installed" a fact rather than a guess.
    pub fn knows_installed(&self) -> bool {
        self.installed_as_of_ms > 0
    }

    /// Whether the node's last known list has `model` (see `status`).
    pub fn has_model(&self, model: &str) -> bool {
        self.status.as_ref().is_some_and(|status| {
            status
                .installed
                .iter()
                .any(|installed| names_model(&installed.name, model))
        })
    }

    pub fn has_model_loaded(&self, model: &str) -> bool {
        self.status.as_ref().is_some_and(|status| {
            status
                .loaded
                .iter()
                .any(|loaded| names_model(&loaded.name, model))
        })
    }

    /// The node's state and, when it is not ready, why.
    pub fn state(&self, now_ms: i64) -> (NodeState, String) {
        if self.link.is_none() {
            let state = if self.disconnected.is_some() {
                NodeState::Disconnected
            } else {
                NodeState::Down
            };
            return (state, self.down_description(now_ms));
        }
        match &self.status {
            None => (
                NodeState::OllamaDown,
                "waiting for the agent's first status".into(),
            ),
            // A provider's agent words its own trouble ("groq rejected the API key (…)").
            Some(status) if !status.ollama_reachable && self.is_provider() => {
                (NodeState::OllamaDown, status.ollama_error.clone())
            }
            Some(status) if !status.ollama_reachable => (
                NodeState::OllamaDown,
                format!("ollama not answering: {}", status.ollama_error),
            ),
            Some(_) if self.draining => (NodeState::Draining, "draining".into()),
            Some(_) => (NodeState::Ready, String::new()),
        }
    }

    /// "never seen", "agent down since … (41 s): stream closed", or for a node in its grace
    /// "agent disconnected since … (3 s): no heartbeat for 3 s; its 2 running jobs are held
    /// until … for it to re-attach".
    pub fn down_description(&self, now_ms: i64) -> String {
        if self.last_seen_ms == 0 {
            return "never seen".into();
        }
        let seconds = (now_ms - self.down_since_ms).max(0) / 1000;
        let since = format_rfc3339(self.down_since_ms);
        let reason = &self.down_reason;
        match self.disconnected {
            Some(disconnected) => format!(
                "agent disconnected since {since} ({seconds} s): {reason}; its {} running jobs \
                 are held until {} for it to re-attach",
                self.running.len(),
                format_rfc3339(disconnected.grace_ends_ms)
            ),
            None => format!("agent down since {since} ({seconds} s): {reason}"),
        }
    }
}

/// True when a node's `reported` name is the model a job names: the same name; Ollama's
/// untagged name for the canonical `model` (`llama3` is `llama3:latest`); or Gemini's listed
/// `models/gemini-2.5-flash` for the bare `gemini-2.5-flash`. Without allocating: routing asks
/// this for every node and model.
pub fn names_model(reported: &str, model: &str) -> bool {
    // Equality compares lengths first: most pairs differ there, cheaply.
    if reported == model {
        return true;
    }
    if model.strip_suffix(":latest") == Some(reported) && !reported.contains(':') {
        return true;
    }
    reported
        .strip_prefix("models/")
        .is_some_and(|bare| bare == model || model.strip_suffix(":latest") == Some(bare))
}

#[cfg(test)]
mod tests;
