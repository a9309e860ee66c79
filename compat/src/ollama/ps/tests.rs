//! `/api/ps` lists each node's loaded copy of a served model.

use proto::v1::{InstalledModel, LoadedModel, ModelAvailability, Node, NodeAvailability};

use super::*;

#[test]
fn each_loaded_copy_is_listed_with_its_node() {
    let node = |name: &str, vram: u64| Node {
        name: name.into(),
        installed: vec![InstalledModel {
            name: "qwen2.5:14b".into(),
            digest: "sha256:abc".into(),
            family: "qwen2".into(),
            ..Default::default()
        }],
        loaded: vec![LoadedModel {
            name: "qwen2.5:14b".into(),
            size_bytes: 10_000,
            size_vram_bytes: vram,
            expires_at: "2026-12-03T11:00:00Z".into(),
        }],
        ..Default::default()
    };
    let cluster = ClusterModels {
        models: vec![ModelAvailability {
            model: "qwen2.5:14b".into(),
            available: true,
            nodes: ["contabo", "homelab"]
                .map(|node| NodeAvailability {
                    node: node.into(),
                    available: true,
                    ..Default::default()
                })
                .to_vec(),
            ..Default::default()
        }],
        nodes: vec![node("contabo", 10_000), node("homelab", 0)],
    };
    let body = running(&cluster);
    let models = body["models"].as_array().unwrap();
    assert_eq!(models.len(), 2);
    assert_eq!(
        models[0],
        json!({
            "name": "qwen2.5:14b", "model": "qwen2.5:14b", "size": 10_000,
            "digest": "sha256:abc", "details": details(&cluster.nodes[0].installed[0]),
            "expires_at": "2026-12-03T11:00:00Z", "size_vram": 10_000, "node": "contabo",
        })
    );
    assert_eq!(
        (models[1]["node"].clone(), models[1]["size_vram"].clone()),
        (json!("homelab"), json!(0))
    );
}

#[test]
fn an_unknown_expiry_is_left_out() {
    let cluster = ClusterModels {
        models: vec![ModelAvailability {
            model: "m".into(),
            available: true,
            nodes: vec![NodeAvailability {
                node: "n".into(),
                available: true,
                ..Default::default()
            }],
            ..Default::default()
        }],
        nodes: vec![Node {
            name: "n".into(),
            loaded: vec![LoadedModel {
                name: "m".into(),
                ..Default::default()
            }],
            ..Default::default()
        }],
    };
    let body = running(&cluster);
    assert!(body["models"][0].get("expires_at").is_none(), "{body}");
    assert_eq!(body["models"][0]["node"], "n");
}

#[test]
fn nothing_loaded_is_an_empty_list() {
    assert_eq!(running(&ClusterModels::default()), json!({"models": []}));
}
