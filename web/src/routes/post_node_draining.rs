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
mod tests {
    use axum::http::StatusCode;

    use crate::test_support::TestApp;

    #[tokio::test]
    async fn drain_and_undrain_reach_the_coordinator() {
        let app = TestApp::start().await;
        let response = app
            .post_form("/nodes/davas/draining", "draining=true")
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(response.headers()["location"], "/");
        app.post_form("/nodes/contabo/draining", "draining=false")
            .await;
        assert_eq!(
            app.coordinator.draining(),
            vec![("davas".to_owned(), true), ("contabo".to_owned(), false)]
        );
    }

    #[tokio::test]
    async fn an_unknown_node_is_not_found() {
        let app = TestApp::start().await;
        let response = app
            .post_form("/nodes/nowhere/draining", "draining=true")
            .await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
    }
}
