//! Tests of the `model_picker` module.

use proto::v1::NodeAvailability;

use super::*;

fn model(name: &str, nodes: &[(&str, bool, &str)]) -> ModelAvailability {
    ModelAvailability {
        model: name.into(),
        available: nodes.iter().any(|(_, available, _)| *available),
        nodes: nodes
            .iter()
            .map(|(node, available, reason)| NodeAvailability {
                node: (*node).into(),
                available: *available,
                reason: (*reason).into(),
                ..Default::default()
            })
            .collect(),
        routed_nodes: Vec::new(),
        other_nodes: 0,
    }
}

#[test]
fn unavailable_models_are_listed_disabled_with_their_reason() {
    let models = [
        model(
            "gemma4:27b",
            &[("davas", false, "davas: agent down since 10:00")],
        ),
        model(
            "qwen2.5:14b",
            &[("contabo", true, ""), ("davas", false, "davas: agent down")],
        ),
    ];
    let text = model_options(&models, &[], Some("gemma4:27b")).into_string();
    assert!(text.contains(
        r#"<option value="gemma4:27b" disabled selected>gemma4:27b — unavailable: davas: agent down since 10:00</option>"#
    ), "{text}");
    assert!(text.contains(r#"<option value="qwen2.5:14b">qwen2.5:14b — on contabo</option>"#));
}

#[test]
fn a_vanished_choice_stays_chosen_and_disabled() {
    let models = [model("qwen2.5:14b", &[("contabo", true, "")])];
    let text = model_options(&models, &[], Some("llama3:70b")).into_string();
    assert!(
        text.contains(r#"<option value="llama3:70b" disabled selected>"#),
        "{text}"
    );
    assert!(!text.contains(r#"value="qwen2.5:14b" selected"#));
}

fn node_with(name: &str, model: &str, capabilities: &[&str]) -> Node {
    Node {
        name: name.into(),
        installed: vec![proto::v1::InstalledModel {
            name: model.into(),
            capabilities: capabilities.iter().map(|c| (*c).into()).collect(),
            ..Default::default()
        }],
        ..Default::default()
    }
}

#[test]
fn an_embedding_model_is_listed_disabled_and_never_the_default() {
    let models = [
        model("nomic-embed-text:latest", &[("contabo", true, "")]),
        model("qwen2.5:14b", &[("contabo", true, "")]),
        model("mystery:1b", &[("homelab", true, "")]),
    ];
    let nodes = [
        node_with("contabo", "nomic-embed-text:latest", &["embedding"]),
        node_with("homelab", "mystery:1b", &[]),
    ];
    let text = model_options(&models, &nodes, None).into_string();
    assert!(text.contains(
        r#"<option value="nomic-embed-text:latest" disabled>nomic-embed-text:latest — embedding model, cannot chat</option>"#
    ), "{text}");
    // Unknown capabilities assume nothing: the model stays offered.
    assert!(text.contains(r#"<option value="mystery:1b">"#), "{text}");
    let view = ClusterView {
        snapshot: Some(std::sync::Arc::new(proto::v1::ClusterSnapshot {
            nodes: nodes.to_vec(),
            models: models.to_vec(),
            ..Default::default()
        })),
        ..Default::default()
    };
    assert_eq!(first_available(&view).as_deref(), Some("qwen2.5:14b"));
}
