//! The operator's cluster as a snapshot: contabo and homelab ready with qwen, davas down with
//! gemma4 pinned to it.

use proto::v1::{
    ClusterSnapshot, IneligibilityCode, Job, JobSpec, JobState, ModelAvailability, Node,
    NodeAvailability, NodeState,
};

fn node(name: &str, state: NodeState, models: &[&str]) -> Node {
    Node {
        name: name.into(),
        state: state as i32,
        state_reason: if state == NodeState::Down {
            "agent down since 10:00:00 (41 s)".into()
        } else {
            String::new()
        },
        last_seen_ms: 1_000,
        ollama_reachable: state == NodeState::Ready,
        ollama_version: "0.12.3".into(),
        installed: models
            .iter()
            .map(|name| proto::v1::InstalledModel {
                name: (*name).into(),
                ..Default::default()
            })
            .collect(),
        max_parallel: 1,
        ..Default::default()
    }
}

fn availability(node: &str, available: bool, reason: &str) -> NodeAvailability {
    NodeAvailability {
        node: node.into(),
        available,
        code: if available {
            IneligibilityCode::Unspecified as i32
        } else {
            IneligibilityCode::AgentDown as i32
        },
        reason: reason.into(),
        ..Default::default()
    }
}

pub fn operators_cluster() -> ClusterSnapshot {
    ClusterSnapshot {
        version: 1,
        taken_at_ms: 42_000,
        nodes: vec![
            node("contabo", NodeState::Ready, &["qwen2.5:14b"]),
            node("homelab", NodeState::Ready, &["qwen2.5:14b"]),
            node("davas", NodeState::Down, &["gemma4:27b"]),
        ],
        models: vec![
            ModelAvailability {
                model: "gemma4:27b".into(),
                available: false,
                nodes: vec![availability(
                    "davas",
                    false,
                    "davas: agent down since 10:00:00 (41 s)",
                )],
                routed_nodes: vec!["davas".into()],
                other_nodes: 0,
            },
            ModelAvailability {
                model: "qwen2.5:14b".into(),
                available: true,
                nodes: vec![
                    availability("contabo", true, ""),
                    availability("homelab", true, ""),
                ],
                routed_nodes: Vec::new(),
                other_nodes: 0,
            },
        ],
        budgets: Vec::new(),
    }
}

pub fn running_job(id: &str, model: &str) -> Job {
    Job {
        id: id.into(),
        spec: Some(JobSpec {
            model: model.into(),
            ..Default::default()
        }),
        state: JobState::Running as i32,
        node: "contabo".into(),
        ..Default::default()
    }
}
