//! Derives alert-worthy findings from successive cluster snapshots, as pure logic over the
//! snapshot, the alerter's memory and the time given. `observe` takes each snapshot; `due`
//! turns suspicions that lasted `alert_after` into alerts; `next_deadline` says when to call
//! `due` again. A change shorter than `alert_after` (a flap) never alerts; a recovery is
//! alerted only for what was alerted.

mod budgets;
mod findings;
mod memory;
mod observe_node;
mod reading;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::time::Duration;

use proto::v1::{ClusterSnapshot, Node};

pub use budgets::BudgetMemory;
pub use findings::{AffectedJobs, Finding};
pub use memory::{AlerterMemory, NodeMemory, Watch};
pub use reading::DiskThresholds;

use reading::{AgentPresence, model_available, presence, unavailable_models};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DetectorSettings {
    pub alert_after: Duration,
    pub startup_grace: Duration,
    pub disk: DiskThresholds,
}

#[derive(Debug)]
pub struct Detector {
    settings: DetectorSettings,
    memory: AlerterMemory,
    started_at_ms: i64,
    latest: Option<ClusterSnapshot>,
}

fn millis(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}

impl Detector {
    pub fn new(settings: DetectorSettings, memory: AlerterMemory, started_at_ms: i64) -> Self {
        Self {
            settings,
            memory,
            started_at_ms,
            latest: None,
        }
    }

    pub fn memory(&self) -> &AlerterMemory {
        &self.memory
    }

    pub fn memory_mut(&mut self) -> &mut AlerterMemory {
        &mut self.memory
    }

    /// Takes a new snapshot: recoveries and disk pressure are found at once; things that went
    /// away start their `alert_after` clock.
    pub fn observe(&mut self, snapshot: ClusterSnapshot, now_ms: i64) -> Vec<Finding> {
        let mut findings = Vec::new();
        // Nodes no longer configured are forgotten without a word.
        self.memory
            .nodes
            .retain(|name, _| snapshot.nodes.iter().any(|node| &node.name == name));
        for node in &snapshot.nodes {
            let memory = self.memory.nodes.entry(node.name.clone()).or_default();
            observe_node::observe_node(
                memory,
                node,
                &snapshot,
                &self.settings.disk,
                now_ms,
                &mut findings,
            );
        }
        budgets::observe_budgets(
            &mut self.memory.budgets,
            &snapshot.budgets,
            now_ms,
            &mut findings,
        );
        self.latest = Some(snapshot);
        findings
    }

    /// When the agent of a node this coordinator run has not heard from yet may count as
    /// lost: it may still be reconnecting after the coordinator (re)started.
    fn agent_deadline(&self, node: &Node, since_ms: i64) -> i64 {
        let alert_after = millis(self.settings.alert_after);
        let deadline = since_ms.saturating_add(alert_after);
        if node.last_seen_ms == 0 {
            let grace = alert_after.saturating_add(millis(self.settings.startup_grace));
            deadline.max(self.started_at_ms.saturating_add(grace))
        } else {
            deadline
        }
    }

    /// The earliest moment a suspicion may turn into an alert.
    pub fn next_deadline(&self) -> Option<i64> {
        let snapshot = self.latest.as_ref()?;
        let alert_after = millis(self.settings.alert_after);
        let mut deadlines = Vec::new();
        for node in &snapshot.nodes {
            let Some(memory) = self.memory.nodes.get(&node.name) else {
                continue;
            };
            if let Some(since) = memory.agent.suspect_since() {
                deadlines.push(self.agent_deadline(node, since));
            }
            let others = std::iter::once(&memory.ollama)
                .chain(memory.pinned.values().map(|pinned| &pinned.watch));
            deadlines.extend(
                others
                    .filter_map(Watch::suspect_since)
                    .map(|since| since + alert_after),
            );
        }
        deadlines.into_iter().min()
    }

    /// Suspicions that lasted long enough become alerts (and the memory says so).
    pub fn due(&mut self, now_ms: i64) -> Vec<Finding> {
        let Some(snapshot) = self.latest.as_ref() else {
            return Vec::new();
        };
        let alert_after = millis(self.settings.alert_after);
        let mut findings = Vec::new();
        let mut updates: BTreeMap<String, NodeMemory> = BTreeMap::new();
        for node in &snapshot.nodes {
            let Some(memory) = self.memory.nodes.get(&node.name) else {
                continue;
            };
            let mut memory = memory.clone();
            if let Some(since_ms) = memory.agent.suspect_since()
                && now_ms >= self.agent_deadline(node, since_ms)
            {
                memory.agent = Watch::Alerted { since_ms };
                findings.push(Finding::NodeLost {
                    node: node.name.clone(),
                    since_ms,
                    last_seen_ms: node.last_seen_ms,
                    reason: node.state_reason.clone(),
                    unavailable_models: unavailable_models(snapshot, node),
                    jobs: AffectedJobs::default(),
                });
            }
            let up = matches!(presence(node), AgentPresence::Up { .. });
            if let Some(since_ms) = memory.ollama.suspect_since()
                && up
                && now_ms >= since_ms + alert_after
            {
                memory.ollama = Watch::Alerted { since_ms };
                findings.push(Finding::OllamaStopped {
                    node: node.name.clone(),
                    backend: backend_of(node),
                    since_ms,
                    reason: node.state_reason.clone(),
                });
            }
            for (model, pinned) in &mut memory.pinned {
                if let Some(since_ms) = pinned.watch.suspect_since()
                    && up
                    && now_ms >= since_ms + alert_after
                {
                    pinned.watch = Watch::Alerted { since_ms };
                    findings.push(Finding::PinnedModelMissing {
                        node: node.name.clone(),
                        model: model.clone(),
                        since_ms,
                        served_elsewhere: model_available(snapshot, model),
                    });
                }
            }
            updates.insert(node.name.clone(), memory);
        }
        self.memory.nodes.extend(updates);
        findings
    }
}

/// What serves a node: `ollama` unless its agent names a cloud provider.
pub(crate) fn backend_of(node: &proto::v1::Node) -> String {
    if node.backend.is_empty() {
        "ollama".to_owned()
    } else {
        node.backend.clone()
    }
}
