//! `GET /v1/models?limit=&after_id=` → `{"data":[ModelInfo…],"has_more","first_id","last_id"}`
//! and `GET /v1/models/{id}` (anthropic-sdk-python `types/model_info.py`, `pagination.py`,
//! `types/model_list_params.py`; providers.md §4.5). The stand-in's default page holds
//! [`DEFAULT_PAGE_SIZE`] models (Anthropic's is 20), so a client must follow `has_more`; an
//! `after_id` that is not listed gives an empty last page.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::{authorise, errors};
use crate::fake_providers::state::Shared;

/// Models per page when the request names no `limit`.
pub(crate) const DEFAULT_PAGE_SIZE: usize = 2;
const MAX_PAGE_SIZE: usize = 1000;

fn model_info(id: &str) -> Value {
    json!({"type": "model", "id": id, "display_name": id, "created_at": "2025-05-14T00:00:00Z"})
}

pub(super) async fn list_models(
    State(shared): State<Arc<Shared>>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    shared.list_requests.fetch_add(1, Ordering::SeqCst);
    if let Some(refused) = authorise(&shared, &headers) {
        return refused;
    }
    let limit = match query.get("limit").map(|limit| limit.parse::<usize>()) {
        None => DEFAULT_PAGE_SIZE,
        Some(Ok(limit)) if (1..=MAX_PAGE_SIZE).contains(&limit) => limit,
        Some(_) => {
            let message =
                "limit: Input should be greater than or equal to 1 and less than or equal to 1000";
            return errors::error(&shared, errors::INVALID_REQUEST, message);
        }
    };
    let models = shared.models();
    let start = match query.get("after_id") {
        None => 0,
        Some(after) => models
            .iter()
            .position(|id| id == after)
            .map_or(models.len(), |at| at + 1),
    };
    let page: Vec<&String> = models.iter().skip(start).take(limit).collect();
    Json(json!({
        "data": page.iter().map(|id| model_info(id)).collect::<Vec<_>>(),
        "has_more": start + page.len() < models.len(),
        "first_id": page.first(), "last_id": page.last(),
    }))
    .into_response()
}

pub(super) async fn get_model(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    if let Some(refused) = authorise(&shared, &headers) {
        return refused;
    }
    if shared.has_model(&id) {
        Json(model_info(&id)).into_response()
    } else {
        errors::error(&shared, errors::NOT_FOUND, &format!("model: {id}"))
    }
}
