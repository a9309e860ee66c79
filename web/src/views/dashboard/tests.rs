//! Tests of the `dashboard` module.

use std::sync::Arc;

use proto::v1::{ClusterSnapshot, Node};

use super::*;

#[test]
fn the_fragment_shows_the_problem_and_the_hosts() {
    let view = ClusterView {
        snapshot: Some(Arc::new(ClusterSnapshot {
            nodes: vec![Node {
                name: "davas".into(),
                state: NodeState::Ready as i32,
                ..Default::default()
            }],
            ..Default::default()
        })),
        problem: Some("the view is not live".into()),
    };
    let text = cluster_fragment(&view).into_string();
    assert!(text.contains("the view is not live") && text.contains(r#"data-node="davas""#));
    assert!(text.contains("1 of 1</strong> hosts ready"), "{text}");
    let body = dashboard_body(&ClusterView::default()).into_string();
    assert!(body.contains(r#"sse-connect="/events/cluster?show=dashboard""#));
    assert!(body.contains("Waiting for the coordinator"));
}

#[test]
fn a_model_nobody_can_run_now_is_listed_but_not_counted_available() {
    use proto::v1::{IneligibilityCode, ModelAvailability, NodeAvailability};
    let model = |name: &str, available: bool| ModelAvailability {
        model: name.into(),
        available,
        nodes: vec![NodeAvailability {
            node: "homelab".into(),
            available,
            code: if available {
                0
            } else {
                IneligibilityCode::OllamaDown as i32
            },
            reason: if available {
                ""
            } else {
                "homelab: ollama not answering"
            }
            .into(),
            ..Default::default()
        }],
        routed_nodes: Vec::new(),
        other_nodes: 0,
    };
    let view = ClusterView {
        snapshot: Some(Arc::new(ClusterSnapshot {
            nodes: vec![Node {
                name: "homelab".into(),
                state: NodeState::OllamaDown as i32,
                ..Default::default()
            }],
            models: vec![model("qwen2.5:7b", false), model("qwen2.5:14b", true)],
            ..Default::default()
        })),
        problem: None,
    };
    let text = cluster_fragment(&view).into_string();
    assert!(text.contains("1 of 2</strong> models available"), "{text}");
    assert!(
        text.contains(r#"data-model="qwen2.5:7b" data-availability="unavailable" class="cell cell-unavailable state-ollama_down""#),
        "the model stays listed, greyed with its host: {text}"
    );
}

#[test]
fn a_provider_node_is_a_column_like_a_host_with_its_models_reasons() {
    let mut snapshot = crate::test_support::operators_cluster();
    snapshot.nodes.push(Node {
        name: "groq".into(),
        backend: "groq".into(),
        state: NodeState::OllamaDown as i32,
        state_reason: "groq rejected the API key (401 invalid_api_key: Invalid API Key)".into(),
        last_seen_ms: 1_000,
        ..Default::default()
    });
    snapshot.models.push(proto::v1::ModelAvailability {
        model: "qwen/qwen3-32b".into(),
        nodes: vec![proto::v1::NodeAvailability {
            node: "groq".into(),
            code: proto::v1::IneligibilityCode::OllamaDown as i32,
            reason: "groq: groq rejected the API key (401 invalid_api_key: Invalid API Key)".into(),
            ..Default::default()
        }],
        ..Default::default()
    });
    let view = ClusterView {
        snapshot: Some(Arc::new(snapshot)),
        problem: None,
    };
    let text = cluster_fragment(&view).into_string();
    assert!(text.contains(r#"data-node="groq""#), "{text}");
    assert!(
        text.contains("provider down"),
        "the groq card's badge: {text}"
    );
    assert!(text.contains("groq rejected the API key"), "{text}");
    assert!(
        text.contains("provider not answering"),
        "the qwen3 cell on groq: {text}"
    );
    assert!(
        text.contains("<dt>Provider</dt>"),
        "the groq card names its provider: {text}"
    );
}
