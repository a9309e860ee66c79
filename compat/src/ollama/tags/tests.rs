//! `/api/tags` lists only the models some node can run now, with their facts and nodes.

use proto::v1::{LoadedModel, ModelAvailability, Node, NodeAvailability};

use super::*;

fn availability(node: &str, available: bool) -> NodeAvailability {
    NodeAvailability {
        node: node.into(),
        available,
        ..Default::default()
    }
}

pub fn cluster() -> ClusterModels {
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
            ModelAvailability {
                model: "llama-3.3-70b-versatile".into(),
                available: true,
                nodes: vec![availability("groq", true)],
                ..Default::default()
            },
        ],
        nodes: vec![Node {
            name: "contabo".into(),
            installed: vec![InstalledModel {
                name: "qwen2.5:14b".into(),
                size_bytes: 9_000,
                digest: "sha256:abc".into(),
                parameter_size: "14.8B".into(),
                quantization_level: "Q4_K_M".into(),
                family: "qwen2".into(),
                modified_at: "2026-11-01T10:00:00Z".into(),
                capabilities: vec!["completion".into(), "tools".into()],
            }],
            loaded: vec![LoadedModel {
                name: "qwen2.5:14b".into(),
                size_bytes: 10_000,
                size_vram_bytes: 8_000,
                expires_at: "2026-12-03T11:00:00Z".into(),
            }],
            ..Default::default()
        }],
    }
}

#[test]
fn served_models_are_listed_with_ollamas_fields_and_their_nodes() {
    let body = tags(&cluster());
    assert_eq!(
        body,
        json!({"models": [
            {"name": "llama-3.3-70b-versatile", "model": "llama-3.3-70b-versatile", "nodes": ["groq"]},
            {
                "name": "qwen2.5:14b", "model": "qwen2.5:14b",
                "modified_at": "2026-11-01T10:00:00Z", "size": 9_000, "digest": "sha256:abc",
                "details": {
                    "parent_model": "", "format": "gguf", "family": "qwen2", "families": ["qwen2"],
                    "parameter_size": "14.8B", "quantization_level": "Q4_K_M",
                },
                "nodes": ["contabo", "homelab"],
            },
        ]})
    );
}

#[test]
fn an_unknown_modification_time_is_left_out() {
    let model = ServedModel {
        name: "m".into(),
        nodes: vec!["n".into()],
        facts: Some(InstalledModel::default()),
        loaded: Vec::new(),
    };
    assert!(listed_model(&model).get("modified_at").is_none());
}

#[test]
fn an_unknown_family_has_no_families() {
    assert_eq!(details(&InstalledModel::default())["families"], json!([]));
}
