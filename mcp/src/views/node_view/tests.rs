//! Tests of the `node_view` module.

use proto::v1::{InstalledModel, LoadedModel, NodeState};

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
