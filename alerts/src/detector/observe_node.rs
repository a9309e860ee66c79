//! One node in a new snapshot against what the alerter remembers of it: start or drop
//! suspicions, report recoveries of what was alerted, and disk pressure as it crosses the line.

use proto::v1::{ClusterSnapshot, Node};

use super::findings::Finding;
use super::memory::NodeMemory;
use super::reading::{AgentPresence, DiskThresholds, has_installed, pinned_models, presence};

pub fn observe_node(
    memory: &mut NodeMemory,
    node: &Node,
    snapshot: &ClusterSnapshot,
    disk: &DiskThresholds,
    now_ms: i64,
    findings: &mut Vec<Finding>,
) {
    let name = node.name.clone();
    // The coordinator heard from the agent in this run: it was up, even if it came and went
    // between two snapshots.
    if node.last_seen_ms > 0 {
        memory.ever_up = true;
    }
    let ollama_answers = match presence(node) {
        AgentPresence::Down => {
            if memory.ever_up {
                memory.agent.suspect(now_ms);
            }
            // With the agent gone nothing is known of its Ollama or models.
            memory.ollama.forget_suspicion();
            for pinned in memory.pinned.values_mut() {
                pinned.watch.forget_suspicion();
            }
            return;
        }
        AgentPresence::Connecting => None,
        AgentPresence::Up { ollama_answers } => Some(ollama_answers),
    };
    memory.ever_up = true;
    if let Some(since_ms) = memory.agent.recover() {
        findings.push(Finding::NodeBack {
            node: name.clone(),
            since_ms,
            back_at_ms: now_ms,
        });
    }
    observe_disk(memory, node, disk, now_ms, findings);
    match ollama_answers {
        None => {}
        Some(false) => memory.ollama.suspect(now_ms),
        Some(true) => {
            if let Some(since_ms) = memory.ollama.recover() {
                findings.push(Finding::OllamaAnswering {
                    node: name.clone(),
                    backend: super::backend_of(node),
                    since_ms,
                    back_at_ms: now_ms,
                    version: node.ollama_version.clone(),
                });
            }
            observe_pinned_models(memory, node, snapshot, now_ms, findings);
        }
    }
}

/// Only judged while Ollama answers: a model list from a silent Ollama means nothing.
fn observe_pinned_models(
    memory: &mut NodeMemory,
    node: &Node,
    snapshot: &ClusterSnapshot,
    now_ms: i64,
    findings: &mut Vec<Finding>,
) {
    let pinned_now = pinned_models(snapshot, &node.name);
    memory
        .pinned
        .retain(|model, _| pinned_now.contains(&model.as_str()));
    for model in pinned_now {
        let pinned = memory.pinned.entry(model.to_owned()).or_default();
        if has_installed(node, model) {
            pinned.seen_installed = true;
            if let Some(since_ms) = pinned.watch.recover() {
                findings.push(Finding::PinnedModelBack {
                    node: node.name.clone(),
                    model: model.to_owned(),
                    since_ms,
                    back_at_ms: now_ms,
                });
            }
        } else if pinned.seen_installed {
            pinned.watch.suspect(now_ms);
        }
    }
}

fn observe_disk(
    memory: &mut NodeMemory,
    node: &Node,
    disk: &DiskThresholds,
    now_ms: i64,
    findings: &mut Vec<Finding>,
) {
    let Some((free_bytes, total_bytes)) = DiskThresholds::disk_of(node) else {
        return;
    };
    if !memory.disk_pressure && disk.pressure(free_bytes, total_bytes) {
        memory.disk_pressure = true;
        findings.push(Finding::DiskPressure {
            node: node.name.clone(),
            free_bytes,
            total_bytes,
            at_ms: now_ms,
        });
    } else if memory.disk_pressure && disk.relieved(free_bytes, total_bytes) {
        memory.disk_pressure = false;
        findings.push(Finding::DiskPressureCleared {
            node: node.name.clone(),
            free_bytes,
            total_bytes,
            at_ms: now_ms,
        });
    }
}
