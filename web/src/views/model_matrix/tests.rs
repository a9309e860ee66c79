//! Tests of the `model_matrix` module.

use proto::v1::{LoadedModel, NodeAvailability, NodeState};

use super::*;

fn node(name: &str, state: NodeState) -> Node {
    Node {
        name: name.into(),
        state: state as i32,
        loaded: vec![LoadedModel {
            name: "gemma4:27b".into(),
            size_vram_bytes: 18 * 1024 * 1024 * 1024,
            ..Default::default()
        }],
        ..Default::default()
    }
}

fn gemma(available: bool, loaded: bool, reason: &str) -> ModelAvailability {
    gemma_because(available, loaded, IneligibilityCode::AgentDown, reason)
}

fn gemma_because(
    available: bool,
    loaded: bool,
    code: IneligibilityCode,
    reason: &str,
) -> ModelAvailability {
    ModelAvailability {
        model: "gemma4:27b".into(),
        available,
        nodes: vec![NodeAvailability {
            node: "davas".into(),
            available,
            loaded,
            code: code as i32,
            reason: reason.into(),
        }],
        routed_nodes: vec!["davas".into()],
        other_nodes: 0,
    }
}

#[test]
fn cells_say_loaded_installed_unavailable_or_absent() {
    let davas = node("davas", NodeState::Ready);
    let contabo = node("contabo", NodeState::Ready);
    assert_eq!(
        cell_for(&gemma(true, true, ""), &davas),
        Cell::Loaded {
            vram_bytes: 18 * 1024 * 1024 * 1024
        }
    );
    assert_eq!(cell_for(&gemma(true, false, ""), &davas), Cell::Installed);
    assert_eq!(
        cell_for(
            &gemma(false, false, "davas: agent down since 10:00"),
            &davas
        ),
        Cell::Unavailable {
            why: "agent down",
            reason: "davas: agent down since 10:00".into()
        }
    );
    assert_eq!(cell_for(&gemma(true, false, ""), &contabo), Cell::Absent);
    let missing = gemma_because(false, false, IneligibilityCode::ModelNotInstalled, "");
    assert_eq!(cell_for(&missing, &davas), Cell::NotInstalled);
}

#[test]
fn a_host_an_unrouted_models_view_counts_lacks_it_or_has_not_said() {
    let qwen = ModelAvailability {
        model: "qwen2.5:14b".into(),
        available: true,
        nodes: vec![NodeAvailability {
            node: "davas".into(),
            available: true,
            ..Default::default()
        }],
        routed_nodes: Vec::new(),
        other_nodes: 2,
    };
    let mut contabo = node("contabo", NodeState::Ready);
    contabo.installed_as_of_ms = 1_800_000_000_000;
    assert_eq!(cell_for(&qwen, &contabo), Cell::NotInstalled);
    let mut homelab = node("homelab", NodeState::Down);
    homelab.state_reason = "never seen".into();
    assert_eq!(
        cell_for(&qwen, &homelab),
        Cell::Unavailable {
            why: "models not known yet",
            reason: "never seen".into()
        }
    );
}

#[test]
fn a_down_hosts_column_is_marked_in_every_cell() {
    let nodes = [
        node("davas", NodeState::Down),
        node("contabo", NodeState::Ready),
    ];
    let text = model_matrix(&[gemma(false, false, "davas: agent down")], &nodes).into_string();
    assert!(
        text.contains(r#"<th scope="col" data-node="davas" data-state="down""#),
        "{text}"
    );
    assert!(text.contains(
        r#"data-node="davas" data-model="gemma4:27b" data-availability="unavailable" class="cell cell-unavailable state-down""#
    ), "{text}");
    assert!(text.contains("only on davas"));
    assert!(
        text.contains(r#"title="davas: agent down"><span class="cell-label">unavailable</span><span class="cell-detail">agent down</span>"#),
        "the cell is short, the tooltip has the reason: {text}"
    );
}

#[test]
fn the_dash_is_explained_in_visible_text() {
    let nodes = [node("contabo", NodeState::Ready)];
    let text = model_matrix(&[gemma(false, false, "davas: agent down")], &nodes).into_string();
    assert!(text.contains(r#"title="no route sends it here""#), "{text}");
    assert!(
        text.contains(
            r#"<p class="legend" id="matrix-legend">— no route sends this model to that host"#
        ),
        "{text}"
    );
}

#[test]
fn a_providers_cells_say_not_offered_rate_limited_or_provider_down() {
    let provider = Node {
        backend: "groq".into(),
        ..node("davas", NodeState::Ready)
    };
    for (code, why) in [
        (IneligibilityCode::ModelNotOffered, "not offered"),
        (IneligibilityCode::RateLimited, "rate limited"),
        (IneligibilityCode::OllamaDown, "provider not answering"),
    ] {
        let reason = format!("davas: {why} in the provider's words");
        assert_eq!(
            cell_for(&gemma_because(false, false, code, &reason), &provider),
            Cell::Unavailable { why, reason }
        );
    }
}
