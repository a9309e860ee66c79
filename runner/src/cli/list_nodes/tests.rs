//! Tests of the `list_nodes` module.

use proto::v1::{HostFacts, InstalledModel, LoadedModel};

use super::*;

const GIB: u64 = 1 << 30;

#[test]
fn a_ready_node_and_a_never_seen_one() {
    let now = 1_800_000_000_000;
    let davas = Node {
        name: "davas".into(),
        state: NodeState::Ready as i32,
        ollama_reachable: true,
        ollama_version: "0.12.3".into(),
        installed: vec![
            InstalledModel {
                name: "gemma4:27b".into(),
                ..Default::default()
            },
            InstalledModel::default(),
        ],
        loaded: vec![LoadedModel {
            name: "gemma4:27b".into(),
            ..Default::default()
        }],
        host: Some(HostFacts {
            cpu_cores: 16,
            cpu_usage_percent: 12.4,
            memory_total_bytes: 64 * GIB,
            memory_available_bytes: 40 * GIB,
            disk_free_bytes: 120 * GIB,
            ..Default::default()
        }),
        last_seen_ms: now - 2_000,
        max_parallel: 2,
        running: 1,
        queued: 0,
        queue_capacity: 8,
        ..Default::default()
    };
    let homelab = Node {
        name: "homelab".into(),
        state: NodeState::Down as i32,
        state_reason: "never seen".into(),
        max_parallel: 1,
        ..Default::default()
    };
    let text = nodes_table(
        &ListNodesResponse {
            nodes: vec![davas, homelab],
        },
        now,
        None,
    );
    let expected = "\
NAME     STATE  BACKEND        MODELS        RUN/MAX  QUEUED  LAST SEEN  CPU        MEM            DISK FREE  REASON
davas    ready  ollama 0.12.3  2 (1 loaded)  1/2      0/8     2s ago     12% of 16  24 GiB/64 GiB  120 GiB    -
homelab  down   -              -             0/1      0       never      -          -              -          never seen
";
    assert_eq!(text, expected);
}

#[test]
fn a_node_whose_ollama_stopped_says_down() {
    let node = Node {
        name: "contabo".into(),
        state: NodeState::OllamaDown as i32,
        last_seen_ms: 1,
        ..Default::default()
    };
    let row = node_row(&node, 1_000);
    assert_eq!(
        (row[1].as_str(), row[2].as_str()),
        ("ollama_down", "ollama down")
    );
    let draining = Node {
        draining: true,
        ..node.clone()
    };
    assert_eq!(node_row(&draining, 1_000)[1], "ollama_down,draining");
    let drained = Node {
        state: NodeState::Draining as i32,
        ..draining
    };
    assert_eq!(node_row(&drained, 1_000)[1], "draining");
}

#[test]
fn a_down_agents_ollama_is_unknown_and_labels_follow_the_name() {
    let node = Node {
        name: "davas".into(),
        labels: vec!["gpu".into(), "big".into()],
        state: NodeState::Down as i32,
        ollama_reachable: false,
        last_seen_ms: 1,
        ..Default::default()
    };
    let row = node_row(&node, 1_000);
    assert_eq!(
        (row[0].as_str(), row[1].as_str(), row[2].as_str()),
        ("davas [gpu,big]", "down", "unknown")
    );
}

#[test]
fn a_provider_node_names_its_provider_and_its_unavailable_models() {
    let groq = Node {
        name: "groq".into(),
        backend: "groq".into(),
        state: NodeState::OllamaDown as i32,
        state_reason: "groq rejected the API key (401 invalid_api_key: Invalid API Key)".into(),
        installed: vec![InstalledModel::default()],
        unavailable: vec![proto::v1::UnavailableModel::default()],
        last_seen_ms: 1,
        ..Default::default()
    };
    let row = node_row(&groq, 1_000);
    assert_eq!(
        (row[1].as_str(), row[2].as_str(), row[3].as_str()),
        ("provider_down", "groq down", "1 (1 unavailable)")
    );
    let ready = Node {
        state: NodeState::Ready as i32,
        ollama_reachable: true,
        ..groq
    };
    assert_eq!(node_row(&ready, 1_000)[2], "groq");
}

#[test]
fn at_80_columns_every_line_fits_and_wide_cuts_nothing() {
    let reason = format!(
        "agent down since 2026-12-02T18:10:58Z (0 s): connection to the agent lost {}",
        "and more ".repeat(20)
    );
    let node = |name: &str| Node {
        name: name.into(),
        labels: vec!["gpu".into()],
        state: NodeState::Down as i32,
        state_reason: reason.clone(),
        installed: vec![InstalledModel::default(); 3],
        loaded: vec![LoadedModel::default()],
        host: Some(HostFacts {
            cpu_cores: 16,
            memory_total_bytes: 64 * GIB,
            disk_free_bytes: 120 * GIB,
            ..Default::default()
        }),
        last_seen_ms: 1_000,
        max_parallel: 2,
        queue_capacity: 16,
        ..Default::default()
    };
    let response = ListNodesResponse {
        nodes: vec![node("contabo"), node("homelab"), node("davas")],
    };
    let narrow = nodes_table(&response, 200_000, Some(80));
    assert!(
        narrow.lines().all(|line| line.chars().count() <= 80),
        "{narrow}"
    );
    assert!(
        narrow.contains("agent down since") && narrow.contains('…'),
        "{narrow}"
    );
    let wide = nodes_table(&response, 200_000, None);
    assert!(wide.contains(reason.trim_end()) && wide.contains("DISK FREE") && !wide.contains('…'));
}
