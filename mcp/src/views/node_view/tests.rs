//! Tests of the `node_view` module.

use proto::v1::{InstalledModel, LoadedModel};

use super::*;

#[test]
fn a_node_shows_its_state_models_load_and_host() {
    let node = Node {
        name: "davas".into(),
        state: NodeState::OllamaDown as i32,
        state_reason: "ollama not answering: connection refused".into(),
        installed: vec![InstalledModel {
            name: "gemma4:27b".into(),
            ..Default::default()
        }],
        loaded: vec![LoadedModel {
            name: "gemma4:27b".into(),
            ..Default::default()
        }],
        running: 1,
        max_parallel: 2,
        host: Some(HostFacts {
            hostname: "davas".into(),
            cpu_cores: 16,
            ..Default::default()
        }),
        ..Default::default()
    };
    let view = NodeView::from(&node);
    assert_eq!(view.state, "ollama_down");
    assert_eq!(view.installed_models, ["gemma4:27b"]);
    assert_eq!(view.loaded_models, ["gemma4:27b"]);
    assert_eq!((view.running_jobs, view.max_parallel), (1, 2));
    assert_eq!(view.host.as_ref().map(|h| h.cpu_cores), Some(16));
    let json = serde_json::to_value(&view).unwrap();
    assert_eq!(
        json["state_reason"],
        "ollama not answering: connection refused"
    );
    assert!(json.get("last_seen_ms").is_none(), "{json}");
    assert_eq!(view.ollama, "not answering");
}

#[test]
fn a_down_agents_ollama_is_unknown_and_its_last_known_models_stay() {
    let view = NodeView::from(&Node {
        name: "homelab".into(),
        state: NodeState::Down as i32,
        installed: vec![InstalledModel {
            name: "qwen2.5:7b".into(),
            ..Default::default()
        }],
        installed_as_of_ms: 1_795_651_200_000,
        max_parallel: 3,
        ..Default::default()
    });
    assert_eq!(view.ollama, "unknown (agent down)");
    assert_eq!(view.installed_models, ["qwen2.5:7b"]);
    assert_eq!(view.installed_as_of_ms, Some(1_795_651_200_000));
    assert_eq!(view.max_parallel, 3);
}

#[test]
fn a_never_seen_node_has_no_host_and_an_unknown_state_says_so() {
    let view = NodeView::from(&Node {
        name: "homelab".into(),
        state: 42,
        ..Default::default()
    });
    assert_eq!(view.state, "unknown");
    let json = serde_json::to_value(&view).unwrap();
    assert!(json.get("host").is_none() && json.get("state_reason").is_none());
}
