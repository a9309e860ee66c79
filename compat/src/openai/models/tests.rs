//! A model object with its nodes; a model that cannot run now is a 503 with each node's
//! reason, one nobody has a 404.

use proto::v1::{InstalledModel, ModelAvailability, NodeAvailability};

use super::*;

#[test]
fn a_served_model_lists_its_nodes_and_date() {
    let model = ServedModel {
        name: "qwen2.5:14b".into(),
        nodes: vec!["contabo".into()],
        facts: Some(InstalledModel {
            modified_at: "2026-11-01T10:00:00Z".into(),
            ..Default::default()
        }),
        loaded: Vec::new(),
    };
    let object = model_object(&model);
    assert_eq!(object["id"], "qwen2.5:14b");
    assert_eq!(object["object"], "model");
    assert_eq!(object["created"], 1_793_527_200);
    assert_eq!(object["nodes"], json!(["contabo"]));
}

#[test]
fn why_a_model_is_not_served() {
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
    let down = not_served(&cluster, "gemma4:27b");
    assert_eq!(down.kind, RefusalKind::ModelUnavailable);
    assert_eq!(down.nodes[0].code, "agent_down");
    assert_eq!(
        not_served(&cluster, "nope").kind,
        RefusalKind::ModelNotFound
    );
}
