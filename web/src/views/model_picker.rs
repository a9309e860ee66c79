//! The model picker: every model the cluster knows, unavailable ones disabled with the reason
//! in their label, and models known to lack text completion (embedding models) disabled as
//! such. It never picks another model for you: a chosen model that became unavailable stays
//! chosen (and disabled), so sending asks you to choose.

use maud::{Markup, html};
use proto::v1::{ModelAvailability, Node};

use crate::cluster_feed::ClusterView;

/// The label of one model: where it can run, or why it cannot run anywhere.
pub fn option_label(model: &ModelAvailability) -> String {
    if model.available {
        let nodes: Vec<&str> = model
            .nodes
            .iter()
            .filter(|node| node.available)
            .map(|node| node.node.as_str())
            .collect();
        format!("{} — on {}", model.model, nodes.join(", "))
    } else {
        let reasons: Vec<&str> = model
            .nodes
            .iter()
            .map(|node| node.reason.as_str())
            .collect();
        let why = if reasons.is_empty() {
            "no host has it".to_owned()
        } else {
            reasons.join("; ")
        };
        format!("{} — unavailable: {why}", model.model)
    }
}

/// True when some node knows the model's capabilities and none lists "completion" (an
/// embedding model): it cannot chat or generate. Unknown capabilities (empty) assume nothing.
pub fn cannot_complete(model: &str, nodes: &[Node]) -> bool {
    let known: Vec<&Vec<String>> = nodes
        .iter()
        .flat_map(|node| &node.installed)
        .filter(|installed| installed.name == model && !installed.capabilities.is_empty())
        .map(|installed| &installed.capabilities)
        .collect();
    !known.is_empty()
        && !known
            .iter()
            .any(|capabilities| capabilities.iter().any(|c| c == "completion"))
}

/// The options (what a live update replaces).
pub fn model_options(models: &[ModelAvailability], nodes: &[Node], chosen: Option<&str>) -> Markup {
    let chosen_is_listed = chosen.is_some_and(|name| models.iter().any(|m| m.model == name));
    html! {
        option value="" disabled selected[chosen.is_none()] { "Choose a model" }
        @for model in models {
            @let embedding_only = cannot_complete(&model.model, nodes);
            option value=(model.model) disabled[!model.available || embedding_only]
                selected[chosen == Some(model.model.as_str())] {
                @if embedding_only { (model.model) " — embedding model, cannot chat" }
                @else { (option_label(model)) }
            }
        }
        @if let Some(name) = chosen.filter(|_| !chosen_is_listed) {
            option value=(name) disabled selected { (name) " — unavailable: no host has it" }
        }
    }
}

/// The labelled picker, kept current by the shared cluster stream.
pub fn model_picker(view: &ClusterView, chosen: Option<&str>) -> Markup {
    let (models, nodes) = view
        .snapshot
        .as_ref()
        .map(|snapshot| (snapshot.models.as_slice(), snapshot.nodes.as_slice()))
        .unwrap_or_default();
    html! {
        div.field hx-ext="sse" sse-connect="/events/cluster?show=models" {
            label for="model" { "Model" }
            select #model name="model" required sse-swap="models" hx-swap="innerHTML" {
                (model_options(models, nodes, chosen))
            }
        }
    }
}

/// The first model that can run now and can chat: the default when nothing was chosen before.
pub fn first_available(view: &ClusterView) -> Option<String> {
    let snapshot = view.snapshot.as_ref()?;
    let model = snapshot
        .models
        .iter()
        .find(|model| model.available && !cannot_complete(&model.model, &snapshot.nodes))?;
    Some(model.model.clone())
}

#[cfg(test)]
mod tests;
