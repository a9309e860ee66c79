//! The form that submits a generate or chat job with a model and a prompt.

use maud::{Markup, html};

use super::model_picker::{first_available, model_picker};
use crate::cluster_feed::ClusterView;

pub fn job_form(view: &ClusterView) -> Markup {
    let chosen = first_available(view);
    html! {
        details.card.job-form {
            summary { "Submit a job" }
            form method="post" action="/jobs" {
                fieldset.kinds {
                    legend { "Kind" }
                    label { input type="radio" name="kind" value="generate" checked; " generate" }
                    label { input type="radio" name="kind" value="chat"; " chat" }
                }
                (model_picker(view, chosen.as_deref()))
                div.field {
                    label for="prompt" { "Prompt" }
                    textarea #prompt name="prompt" rows="3" required {}
                }
                button type="submit" { "Submit" }
            }
        }
    }
}

#[cfg(test)]
mod tests;
