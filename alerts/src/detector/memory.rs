//! What the alerter remembers about each node between snapshots — and across restarts, since
//! it is saved with the alerts it raised: whether the node, its Ollama and each pinned model is
//! fine, suspect (gone, but not yet for `alert_after`) or alerted (gone, and the operator told).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One watched thing's phase.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "phase", rename_all = "snake_case")]
pub enum Watch {
    #[default]
    Fine,
    /// Gone since `since_ms`; an alert goes out if it stays gone for `alert_after`.
    Suspect { since_ms: i64 },
    /// Gone since `since_ms` and alerted; its recovery will be alerted.
    Alerted { since_ms: i64 },
}

impl Watch {
    /// Starts the clock unless it already runs (or the alert already went out).
    pub fn suspect(&mut self, now_ms: i64) {
        if *self == Watch::Fine {
            *self = Watch::Suspect { since_ms: now_ms };
        }
    }

    /// Back to fine; `Some(since_ms)` when the outage had been alerted (a recovery to report).
    pub fn recover(&mut self) -> Option<i64> {
        let alerted_since = match *self {
            Watch::Alerted { since_ms } => Some(since_ms),
            _ => None,
        };
        *self = Watch::Fine;
        alerted_since
    }

    /// A suspicion dropped for lack of evidence (the node went away); alerts stand.
    pub fn forget_suspicion(&mut self) {
        if matches!(self, Watch::Suspect { .. }) {
            *self = Watch::Fine;
        }
    }

    pub fn suspect_since(&self) -> Option<i64> {
        match *self {
            Watch::Suspect { since_ms } => Some(since_ms),
            _ => None,
        }
    }
}

/// A model the config's routes pin to this node.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinnedModelMemory {
    /// Only a model once seen on the node can "disappear" from it.
    pub seen_installed: bool,
    pub watch: Watch,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeMemory {
    /// Only a node that was up once can be lost.
    pub ever_up: bool,
    pub agent: Watch,
    pub ollama: Watch,
    #[serde(default)]
    pub pinned: BTreeMap<String, PinnedModelMemory>,
    #[serde(default)]
    pub disk_pressure: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlerterMemory {
    #[serde(default)]
    pub nodes: BTreeMap<String, NodeMemory>,
    /// Failed jobs that finished up to this moment were already looked at (job-failure alerts).
    #[serde(default)]
    pub job_failures_seen_until_ms: Option<i64>,
    /// What was alerted per budget limit in its current period (`budgets.rs`).
    #[serde(default)]
    pub budgets: BTreeMap<String, super::BudgetMemory>,
}

impl AlerterMemory {
    pub fn to_json(&self) -> String {
        // Plain maps, strings and numbers: serializing them cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The saved memory, or a fresh one when there is none or it cannot be read (logged).
    pub fn from_saved(saved: Option<&str>) -> Self {
        let Some(text) = saved else {
            return Self::default();
        };
        serde_json::from_str(text).unwrap_or_else(|error| {
            tracing::error!(%error, "the alerter's saved state is unreadable; starting afresh (a lost node may be alerted again)");
            Self::default()
        })
    }
}

#[cfg(test)]
mod tests;
