//! `POST /nodes/{node}/draining` (form `draining=true|false`): drains or undrains a node through
//! `ClusterService.SetDraining`.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use proto::v1::SetDrainingRequest;
use serde::Deserialize;

use crate::app_state::AppState;
use crate::page_error::PageError;
use crate::routes::after_post;

#[derive(Debug, Deserialize)]
pub struct DrainingForm {
    draining: bool,
}

pub async fn post_node_draining(
    State(state): State<AppState>,
    Path(node): Path<String>,
    headers: HeaderMap,
    Form(form): Form<DrainingForm>,
) -> Result<Response, PageError> {
    let request = SetDrainingRequest {
        node: node.clone(),
        draining: form.draining,
    };
    state.coordinator.cluster().set_draining(request).await?;
    tracing::info!(%node, draining = form.draining, "node draining changed from the web UI");
    Ok(after_post(&headers, "/"))
}

#[cfg(test)]
mod tests;
