//! The dashboard's grid of models × hosts: each cell says loaded (with VRAM), installed, or
//! unavailable and why. The columns of hosts that are down are greyed, cells and all.

use client::words::node_state_of;
use maud::{Markup, html};
use proto::v1::{IneligibilityCode, ModelAvailability, Node};

use super::format::bytes;

/// What one host offers for one model.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Loaded {
        vram_bytes: u64,
    },
    Installed,
    /// A candidate host that lacks the model: normal, so shown quietly.
    NotInstalled,
    /// Installed or routed there, but it cannot run now: a short why, and the full reason.
    Unavailable {
        why: &'static str,
        reason: String,
    },
    /// Not a candidate: no route sends the model there.
    Absent,
}

pub fn cell_for(model: &ModelAvailability, node: &Node) -> Cell {
    let Some(availability) = model.nodes.iter().find(|entry| entry.node == node.name) else {
        return unlisted_cell(model, node);
    };
    if !availability.available {
        let why = match IneligibilityCode::try_from(availability.code) {
            Ok(IneligibilityCode::ModelNotInstalled) => return Cell::NotInstalled,
            Ok(IneligibilityCode::NeverSeen) => "never seen",
            Ok(IneligibilityCode::AgentDown) => "agent down",
            Ok(IneligibilityCode::AgentDisconnected) => "agent disconnected",
            Ok(IneligibilityCode::OllamaDown)
                if node.backend != "ollama" && !node.backend.is_empty() =>
            {
                "provider not answering"
            }
            Ok(IneligibilityCode::OllamaDown) => "ollama not answering",
            Ok(IneligibilityCode::ModelNotOffered) => "not offered",
            Ok(IneligibilityCode::RateLimited) => "rate limited",
            Ok(IneligibilityCode::NotRouted) => "not routed here",
            Ok(IneligibilityCode::Draining) => "draining",
            Ok(IneligibilityCode::QueueFull) => "queue full",
            _ => "unavailable",
        };
        return Cell::Unavailable {
            why,
            reason: availability.reason.clone(),
        };
    }
    if availability.loaded {
        let vram_bytes = node
            .loaded
            .iter()
            .find(|loaded| loaded.name == model.model)
            .map(|loaded| loaded.size_vram_bytes)
            .unwrap_or(0);
        return Cell::Loaded { vram_bytes };
    }
    Cell::Installed
}

/// A host the model's view leaves out: outside its route, or (the model has no route) one of
/// the `other_nodes` that lack it, or whose models are not known yet (its state says why).
fn unlisted_cell(model: &ModelAvailability, node: &Node) -> Cell {
    if !model.routed_nodes.is_empty() {
        return Cell::Absent;
    }
    if node.installed_as_of_ms == 0 {
        return Cell::Unavailable {
            why: "models not known yet",
            reason: node.state_reason.clone(),
        };
    }
    Cell::NotInstalled
}

pub fn model_matrix(models: &[ModelAvailability], nodes: &[Node]) -> Markup {
    html! {
        div.matrix-scroll tabindex="0" role="region" aria-label="Models by host" {
            table.matrix {
                thead { tr {
                    th scope="col" { "Model" }
                    @for node in nodes {
                        th scope="col" data-node=(node.name) data-state=(node_state_of(node))
                            class={"state-" (node_state_of(node))} { (node.name) }
                    }
                } }
                tbody {
                    @for model in models { (model_row(model, nodes)) }
                }
            }
        }
        // What the quiet cells mean, in visible text (a tooltip reaches no touch or keyboard user).
        p.legend #matrix-legend {
            "— no route sends this model to that host · not installed: the host may run it but lacks it · "
            "a down host's column shows the models it last reported, unavailable."
        }
    }
}

fn model_row(model: &ModelAvailability, nodes: &[Node]) -> Markup {
    html! {
        tr data-model=(model.model) {
            th scope="row" {
                span.model-name { (model.model) }
                @if !model.routed_nodes.is_empty() {
                    small.route { "only on " (model.routed_nodes.join(", ")) }
                }
            }
            @for node in nodes { (cell(model, node)) }
        }
    }
}

fn cell(model: &ModelAvailability, node: &Node) -> Markup {
    let column_state = node_state_of(node);
    // The full reason (with times and errors) is in the tooltip and the host's card; the cell
    // keeps to a few words so the grid stays readable.
    let (kind, label, detail, title) = match cell_for(model, node) {
        Cell::Loaded { vram_bytes } if vram_bytes > 0 => (
            "loaded",
            "loaded",
            format!("{} VRAM", bytes(vram_bytes)),
            String::new(),
        ),
        Cell::Loaded { .. } => ("loaded", "loaded", String::new(), String::new()),
        Cell::Installed => ("installed", "installed", String::new(), String::new()),
        Cell::NotInstalled => ("missing", "not installed", String::new(), String::new()),
        Cell::Unavailable { why, reason } => ("unavailable", "unavailable", why.to_owned(), reason),
        Cell::Absent => (
            "absent",
            "—",
            String::new(),
            "no route sends it here".to_owned(),
        ),
    };
    html! {
        td data-node=(node.name) data-model=(model.model) data-availability=(kind)
            class={"cell cell-" (kind) " state-" (column_state)}
            title=[(!title.is_empty()).then_some(&title)] {
            span.cell-label { (label) }
            @if !detail.is_empty() { span.cell-detail { (detail) } }
        }
    }
}

#[cfg(test)]
mod tests;
