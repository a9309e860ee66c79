//! Tests of the `model_view` module.

use proto::v1::IneligibilityCode;

use super::*;

#[test]
fn a_model_lists_where_it_runs_and_why_not_elsewhere() {
    let model = ModelAvailability {
        model: "gemma4:27b".into(),
        available: true,
        routed_nodes: vec!["davas".into()],
        other_nodes: 0,
        nodes: vec![
            NodeAvailability {
                node: "davas".into(),
                available: true,
                loaded: true,
                ..Default::default()
            },
            NodeAvailability {
                node: "homelab".into(),
                code: IneligibilityCode::NotRouted as i32,
                reason: "homelab: the route for gemma4:27b does not allow it".into(),
                ..Default::default()
            },
        ],
    };
    let view = ModelView::from(&model);
    assert_eq!(view.available_on, ["davas"]);
    assert_eq!(view.routed_nodes, ["davas"]);
    assert_eq!(view.nodes[1].code, "not_routed");
    let json = serde_json::to_value(&view).unwrap();
    assert!(json["nodes"][0].get("code").is_none(), "{json}");
    assert_eq!(
        json["nodes"][1]["reason"],
        "homelab: the route for gemma4:27b does not allow it"
    );
}

#[test]
fn an_unrouted_model_counts_the_nodes_it_leaves_out() {
    let model = ModelAvailability {
        model: "qwen2.5:14b".into(),
        available: true,
        nodes: vec![NodeAvailability {
            node: "contabo".into(),
            available: true,
            ..Default::default()
        }],
        routed_nodes: Vec::new(),
        other_nodes: 4,
    };
    let view = ModelView::from(&model);
    assert_eq!(view.available_on, ["contabo"]);
    let json = serde_json::to_value(&view).unwrap();
    assert_eq!(json["other_nodes"], 4, "{json}");
}
