//! Whether a model can run now, for the answers that start no job (a "load the model" call,
//! `/api/show`, an empty embed): the model as the cluster serves it, else why not — 404 when
//! no node has it, 503 with every node's reason when it exists but cannot run now.

#[cfg(test)]
mod tests;

use crate::ApiState;
use crate::cluster_models::{ClusterModels, ServedModel};
use crate::refusal::Refusal;

pub async fn servable(state: &ApiState, model: &str) -> Result<ServedModel, Refusal> {
    let cluster = ClusterModels::fetch(&state.coordinator).await?;
    servable_in(&cluster, model)
}

pub fn servable_in(cluster: &ClusterModels, name: &str) -> Result<ServedModel, Refusal> {
    cluster.servable(name, "GET /api/tags")
}
