//! Tests of the `list_models` module.

use proto::v1::{IneligibilityCode, NodeState};

use std::collections::HashMap;

use super::*;

fn node(
    name: &str,
    available: bool,
    loaded: bool,
    code: IneligibilityCode,
    reason: &str,
) -> NodeAvailability {
    NodeAvailability {
        node: name.into(),
        available,
        loaded,
        code: code as i32,
        reason: reason.into(),
    }
}

#[test]
fn each_model_lists_its_nodes_with_reasons() {
    let response = ListModelsResponse {
        models: vec![
            ModelAvailability {
                model: "gemma4:27b".into(),
                available: false,
                nodes: vec![node(
                    "davas",
                    false,
                    false,
                    IneligibilityCode::AgentDown,
                    "davas: agent down since 10:00 (41 s)",
                )],
                routed_nodes: vec!["davas".into()],
                other_nodes: 0,
            },
            ModelAvailability {
                model: "qwen2.5:14b".into(),
                available: true,
                nodes: vec![node(
                    "contabo",
                    true,
                    true,
                    IneligibilityCode::Unspecified,
                    "",
                )],
                routed_nodes: vec![],
                other_nodes: 2,
            },
            ModelAvailability {
                model: "llama3:8b".into(),
                ..Default::default()
            },
        ],
    };
    let expected = "\
MODEL        AVAILABLE  ROUTE  NODE     STATUS
gemma4:27b   no         davas  davas    unavailable (agent down since 10:00 (41 s))
qwen2.5:14b  yes        any    contabo  available, loaded
                               +2 more  not on their model lists
llama3:8b    no         any    -        no candidate node
";
    assert_eq!(models_table(&response, &HashMap::new(), None), expected);
}

#[test]
fn a_down_nodes_model_list_says_how_old_it_is() {
    let now = 1_800_000_000_000;
    let nodes = vec![
        Node {
            name: "davas".into(),
            state: NodeState::Down as i32,
            installed_as_of_ms: now - 180_000,
            ..Default::default()
        },
        Node {
            name: "contabo".into(),
            state: NodeState::Ready as i32,
            ollama_reachable: true,
            installed_as_of_ms: now - 1_000,
            ..Default::default()
        },
    ];
    let ages = stale_model_lists(&nodes, now);
    assert_eq!(ages.len(), 1, "{ages:?}");
    let response = ListModelsResponse {
        models: vec![ModelAvailability {
            model: "gemma4:27b".into(),
            nodes: vec![node(
                "davas",
                false,
                false,
                IneligibilityCode::AgentDown,
                "agent down",
            )],
            ..Default::default()
        }],
    };
    assert!(
        models_table(&response, &ages, None)
            .contains("davas  unavailable (agent down); models as of 3m ago\n"),
        "{}",
        models_table(&response, &ages, None)
    );
}

#[test]
fn at_80_columns_every_line_fits_and_wide_cuts_nothing() {
    let reason = format!(
        "homelab: ollama not answering: ollama at http://127.0.0.1:33609/api/version is \
         unreachable ({})",
        "error sending request ".repeat(8)
    );
    let response = ListModelsResponse {
        models: vec![ModelAvailability {
            model: "nomic-embed-text:latest".into(),
            available: true,
            nodes: vec![
                node("contabo", true, true, IneligibilityCode::Unspecified, ""),
                node(
                    "homelab",
                    false,
                    false,
                    IneligibilityCode::OllamaDown,
                    &reason,
                ),
            ],
            routed_nodes: vec!["contabo".into(), "homelab".into()],
            other_nodes: 0,
        }],
    };
    let ages = HashMap::from([("homelab".to_owned(), "3m".to_owned())]);
    let narrow = models_table(&response, &ages, Some(80));
    assert!(
        narrow.lines().all(|line| line.chars().count() <= 80),
        "{narrow}"
    );
    assert!(
        narrow.contains("unavailable (ollama not answering"),
        "{narrow}"
    );
    let wide = models_table(&response, &ages, None);
    assert!(
        wide.contains("models as of 3m ago") && !wide.contains('…'),
        "{wide}"
    );
}
