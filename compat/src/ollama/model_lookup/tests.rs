//! A servable model is found; one that cannot run now says why, one nobody has is not found.

use proto::v1::{ModelAvailability, NodeAvailability};

use super::*;
use crate::refusal::RefusalKind;

fn cluster() -> ClusterModels {
    ClusterModels {
        models: vec![
            ModelAvailability {
                model: "qwen2.5:14b".into(),
                available: true,
                nodes: vec![NodeAvailability {
                    node: "homelab".into(),
                    available: true,
                    ..Default::default()
                }],
                ..Default::default()
            },
            ModelAvailability {
                model: "gemma4:27b".into(),
                available: false,
                nodes: vec![NodeAvailability {
                    node: "davas".into(),
                    available: false,
                    reason: "davas: agent down since 10:00:00 (41 s)".into(),
                    ..Default::default()
                }],
                ..Default::default()
            },
        ],
        nodes: Vec::new(),
    }
}

#[test]
fn a_model_is_servable_unavailable_or_unknown() {
    let cluster = cluster();
    assert_eq!(
        servable_in(&cluster, "qwen2.5:14b").unwrap().nodes,
        ["homelab"]
    );
    let down = servable_in(&cluster, "gemma4:27b").unwrap_err();
    assert_eq!(down.kind, RefusalKind::ModelUnavailable);
    assert_eq!(
        down.full_message(),
        "no node can run gemma4:27b now: davas: agent down since 10:00:00 (41 s)"
    );
    let unknown = servable_in(&cluster, "mystery:1b").unwrap_err();
    assert_eq!(unknown.kind, RefusalKind::ModelNotFound);
}
