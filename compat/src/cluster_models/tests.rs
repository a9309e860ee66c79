//! Only models some node can run now are served, with those nodes and their facts.

use proto::v1::NodeAvailability;

use crate::refusal::RefusalKind;

use super::*;

fn availability(node: &str, available: bool) -> NodeAvailability {
    NodeAvailability {
        node: node.into(),
        available,
        ..Default::default()
    }
}

fn cluster() -> ClusterModels {
    ClusterModels {
        models: vec![
            ModelAvailability {
                model: "qwen2.5:14b".into(),
                available: true,
                nodes: vec![availability("contabo", true), availability("homelab", true)],
                ..Default::default()
            },
            ModelAvailability {
                model: "gemma4:27b".into(),
                available: false,
                nodes: vec![availability("davas", false)],
                ..Default::default()
            },
        ],
        nodes: vec![Node {
            name: "homelab".into(),
            installed: vec![InstalledModel {
                name: "qwen2.5:14b".into(),
                digest: "abc".into(),
                ..Default::default()
            }],
            loaded: vec![LoadedModel {
                name: "qwen2.5:14b".into(),
                size_bytes: 9,
                ..Default::default()
            }],
            ..Default::default()
        }],
    }
}

#[test]
fn only_models_that_can_run_now_are_served() {
    let served = cluster().served();
    assert_eq!(served.len(), 1);
    let qwen = &served[0];
    assert_eq!(qwen.name, "qwen2.5:14b");
    assert_eq!(qwen.nodes, ["contabo", "homelab"]);
    // contabo is not in the node list: the facts come from homelab.
    assert_eq!(qwen.facts.as_ref().unwrap().digest, "abc");
    assert_eq!(qwen.loaded[0].0, "homelab");
    assert!(cluster().find("gemma4:27b").is_none());
    assert!(cluster().find("qwen2.5:14b").is_some());
}

#[test]
fn a_model_that_cannot_run_now_says_why_and_one_nobody_has_is_not_found() {
    let cluster = ClusterModels {
        models: vec![ModelAvailability {
            model: "gemma4:27b".into(),
            available: false,
            nodes: vec![NodeAvailability {
                node: "davas".into(),
                code: proto::v1::IneligibilityCode::AgentDown as i32,
                reason: "davas: agent down since 10:00:00 (41 s)".into(),
                ..Default::default()
            }],
            ..Default::default()
        }],
        nodes: Vec::new(),
    };
    let down = cluster
        .servable("gemma4:27b", "GET /v1/models")
        .unwrap_err();
    assert_eq!(down.kind, RefusalKind::ModelUnavailable);
    assert_eq!(down.nodes[0].code, "agent_down");
    assert_eq!(
        cluster.servable("nope", "GET /v1/models").unwrap_err().kind,
        RefusalKind::ModelNotFound
    );
}
