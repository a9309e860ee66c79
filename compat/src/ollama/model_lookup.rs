//! Whether a model can run now, for the answers that start no job (a "load the model" call,
//! `/api/show`, an empty embed): the model as the cluster serves it, else why not — 404 when
//! no node has it, 503 with every node's reason when it exists but cannot run now.

#[cfg(test)]
mod tests;

use crate::ApiState;
use crate::cluster_models::{ClusterModels, ServedModel};
use crate::refusal::{NodeReason, Refusal, RefusalKind};

pub async fn servable(state: &ApiState, model: &str) -> Result<ServedModel, Refusal> {
    let cluster = ClusterModels::fetch(&state.coordinator).await?;
    servable_in(&cluster, model)
}

pub fn servable_in(cluster: &ClusterModels, name: &str) -> Result<ServedModel, Refusal> {
    if let Some(model) = cluster.find(name) {
        return Ok(model);
    }
    let Some(model) = cluster.models.iter().find(|model| model.model == name) else {
        return Err(Refusal {
            param: Some("model"),
            ..Refusal::new(
                RefusalKind::ModelNotFound,
                format!("no node has model {name}: GET /api/tags lists those that can run now"),
            )
        });
    };
    Err(Refusal {
        param: Some("model"),
        nodes: model
            .nodes
            .iter()
            .map(|node| NodeReason {
                node: node.node.clone(),
                code: client::words::ineligibility(node.code).to_owned(),
                reason: node.reason.clone(),
            })
            .collect(),
        ..Refusal::new(
            RefusalKind::ModelUnavailable,
            format!("no node can run {name} now"),
        )
    })
}
