//! The cluster view as gauges, set at each scrape from the live view.

use std::collections::HashSet;

use metrics::{Unit, describe_gauge, gauge};
use proto::v1::{ModelAvailability, Node, NodeState};

/// (model, node) pairs whose availability gauge has been set.
pub(super) type SeenSeries = HashSet<(String, String)>;

const STATES: &[(NodeState, &str)] = &[
    (NodeState::Ready, "ready"),
    (NodeState::OllamaDown, "ollama_down"),
    (NodeState::Down, "down"),
    (NodeState::Draining, "draining"),
    (NodeState::Disconnected, "disconnected"),
];

pub(super) fn describe() {
    describe_gauge!("llm_runner_nodes", "Nodes by state.");
    describe_gauge!(
        "llm_runner_node_state",
        "1 for the state each node is in, 0 for the others."
    );
    describe_gauge!(
        "llm_runner_model_available",
        "1 when the node can take a job for the model now, else 0."
    );
    describe_gauge!(
        "llm_runner_node_running_jobs",
        "Jobs holding a slot on the node."
    );
    describe_gauge!(
        "llm_runner_node_queued_jobs",
        "Jobs waiting for a slot on the node."
    );
    describe_gauge!(
        "llm_runner_node_max_parallel",
        "Job slots the node's agent offers."
    );
    describe_gauge!("llm_runner_node_cpu_cores", "CPU cores of the node's host.");
    describe_gauge!(
        "llm_runner_node_cpu_usage_ratio",
        "CPU usage of the node's host, 0 to 1."
    );
    describe_gauge!(
        "llm_runner_node_memory_total_bytes",
        Unit::Bytes,
        "Memory of the node's host."
    );
    describe_gauge!(
        "llm_runner_node_memory_available_bytes",
        Unit::Bytes,
        "Available memory of the node's host."
    );
    describe_gauge!(
        "llm_runner_node_disk_free_bytes",
        Unit::Bytes,
        "Free disk space on the node's host."
    );
    describe_gauge!(
        "llm_runner_node_load1",
        "One-minute load average of the node's host."
    );
}

pub(super) fn set(nodes: &[Node], models: &[ModelAvailability], seen: &mut SeenSeries) {
    for (state, name) in STATES {
        let count = nodes
            .iter()
            .filter(|node| node.state == *state as i32)
            .count();
        gauge!("llm_runner_nodes", "state" => *name).set(count as f64);
    }
    for node in nodes {
        let name = node.name.clone();
        for (state, state_name) in STATES {
            let value = if node.state == *state as i32 {
                1.0
            } else {
                0.0
            };
            gauge!("llm_runner_node_state", "node" => name.clone(), "state" => *state_name)
                .set(value);
        }
        gauge!("llm_runner_node_running_jobs", "node" => name.clone()).set(f64::from(node.running));
        gauge!("llm_runner_node_queued_jobs", "node" => name.clone()).set(f64::from(node.queued));
        gauge!("llm_runner_node_max_parallel", "node" => name.clone())
            .set(f64::from(node.max_parallel));
        if let Some(host) = &node.host {
            gauge!("llm_runner_node_cpu_cores", "node" => name.clone())
                .set(f64::from(host.cpu_cores));
            gauge!("llm_runner_node_cpu_usage_ratio", "node" => name.clone())
                .set(f64::from(host.cpu_usage_percent) / 100.0);
            gauge!("llm_runner_node_memory_total_bytes", "node" => name.clone())
                .set(host.memory_total_bytes as f64);
            gauge!("llm_runner_node_memory_available_bytes", "node" => name.clone())
                .set(host.memory_available_bytes as f64);
            gauge!("llm_runner_node_disk_free_bytes", "node" => name.clone())
                .set(host.disk_free_bytes as f64);
            gauge!("llm_runner_node_load1", "node" => name).set(host.load_1m);
        }
    }
    let mut current = SeenSeries::new();
    for model in models {
        for node in &model.nodes {
            let value = if node.available { 1.0 } else { 0.0 };
            gauge!("llm_runner_model_available", "model" => model.model.clone(), "node" => node.node.clone()).set(value);
            current.insert((model.model.clone(), node.node.clone()));
        }
    }
    for (model, node) in seen.difference(&current) {
        gauge!("llm_runner_model_available", "model" => model.clone(), "node" => node.clone())
            .set(0.0);
    }
    seen.extend(current);
}
