//! The model picker: every model the cluster knows, unavailable ones disabled with the reason
//! in their label. It never picks another model for you: a chosen model that became
//! unavailable stays chosen (and disabled), so sending asks you to choose.

use maud::{Markup, html};
use proto::v1::ModelAvailability;

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

/// The options (what a live update replaces).
pub fn model_options(models: &[ModelAvailability], chosen: Option<&str>) -> Markup {
    let chosen_is_listed = chosen.is_some_and(|name| models.iter().any(|m| m.model == name));
    html! {
        option value="" disabled selected[chosen.is_none()] { "Choose a model" }
        @for model in models {
            option value=(model.model) disabled[!model.available]
                selected[chosen == Some(model.model.as_str())] { (option_label(model)) }
        }
        @if let Some(name) = chosen.filter(|_| !chosen_is_listed) {
            option value=(name) disabled selected { (name) " — unavailable: no host has it" }
        }
    }
}

/// The labelled picker, kept current by the shared cluster stream.
pub fn model_picker(view: &ClusterView, chosen: Option<&str>) -> Markup {
    let models = view
        .snapshot
        .as_ref()
        .map(|snapshot| snapshot.models.as_slice())
        .unwrap_or_default();
    html! {
        div.field hx-ext="sse" sse-connect="/events/cluster?show=models" {
            label for="model" { "Model" }
            select #model name="model" required sse-swap="models" hx-swap="innerHTML" {
                (model_options(models, chosen))
            }
        }
    }
}

/// The first model that can run now: the default when nothing was chosen before.
pub fn first_available(view: &ClusterView) -> Option<String> {
    let snapshot = view.snapshot.as_ref()?;
    let model = snapshot.models.iter().find(|model| model.available)?;
    Some(model.model.clone())
}

#[cfg(test)]
mod tests {
    use proto::v1::NodeAvailability;

    use super::*;

    fn model(name: &str, nodes: &[(&str, bool, &str)]) -> ModelAvailability {
        ModelAvailability {
            model: name.into(),
            available: nodes.iter().any(|(_, available, _)| *available),
            nodes: nodes
                .iter()
                .map(|(node, available, reason)| NodeAvailability {
                    node: (*node).into(),
                    available: *available,
                    reason: (*reason).into(),
                    ..Default::default()
                })
                .collect(),
            routed_nodes: Vec::new(),
        }
    }

    #[test]
    fn unavailable_models_are_listed_disabled_with_their_reason() {
        let models = [
            model(
                "gemma4:27b",
                &[("davas", false, "davas: agent down since 10:00")],
            ),
            model(
                "qwen2.5:14b",
                &[("contabo", true, ""), ("davas", false, "davas: agent down")],
            ),
        ];
        let text = model_options(&models, Some("gemma4:27b")).into_string();
        assert!(text.contains(
            r#"<option value="gemma4:27b" disabled selected>gemma4:27b — unavailable: davas: agent down since 10:00</option>"#
        ), "{text}");
        assert!(text.contains(r#"<option value="qwen2.5:14b">qwen2.5:14b — on contabo</option>"#));
    }

    #[test]
    fn a_vanished_choice_stays_chosen_and_disabled() {
        let models = [model("qwen2.5:14b", &[("contabo", true, "")])];
        let text = model_options(&models, Some("llama3:70b")).into_string();
        assert!(
            text.contains(r#"<option value="llama3:70b" disabled selected>"#),
            "{text}"
        );
        assert!(!text.contains(r#"value="qwen2.5:14b" selected"#));
    }
}
