//! `GET /v1beta/models?pageSize=&pageToken=` → `{"models":[…],"nextPageToken":"…"}` (no token on
//! the last page) and `GET /v1beta/models/{id}`, entries named `models/…` with
//! `supportedGenerationMethods` (ai.google.dev/api/rest/v1beta/models/list; python-genai
//! `models.py`; providers.md §3.5). The stand-in's default page holds [`DEFAULT_PAGE_SIZE`]
//! models (Google's is 50), so a client that does not follow `nextPageToken` misses models.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::Json;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::{authorise, errors, supported_methods};
use crate::fake_providers::state::Shared;

/// Models per page when the request names no `pageSize`.
pub(crate) const DEFAULT_PAGE_SIZE: usize = 2;
const MAX_PAGE_SIZE: usize = 1000;
const TOKEN_PREFIX: &str = "standin-page-";

fn entry(id: &str) -> Value {
    json!({
        "name": format!("models/{id}"), "version": "001", "displayName": id,
        "description": "A stand-in model that answers with the prompt's own words",
        "inputTokenLimit": 1_048_576, "outputTokenLimit": 65_536,
        "supportedGenerationMethods": supported_methods(id),
        "temperature": 1, "topP": 0.95, "topK": 64, "maxTemperature": 2,
    })
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
    let size = match query.get("pageSize").map(|size| size.parse::<usize>()) {
        None | Some(Ok(0)) => DEFAULT_PAGE_SIZE,
        Some(Ok(size)) => size.min(MAX_PAGE_SIZE),
        Some(Err(_)) => {
            return errors::invalid_argument("Invalid value at 'page_size' (TYPE_INT32)");
        }
    };
    let start = match query.get("pageToken").filter(|token| !token.is_empty()) {
        None => 0,
        Some(token) => match token
            .strip_prefix(TOKEN_PREFIX)
            .and_then(|at| at.parse().ok())
        {
            Some(start) => start,
            None => return errors::invalid_argument("Invalid page token."),
        },
    };
    let models = shared.models();
    let page: Vec<Value> = models
        .iter()
        .skip(start)
        .take(size)
        .map(|id| entry(id))
        .collect();
    let mut body = json!({"models": page});
    if start + size < models.len() {
        body["nextPageToken"] = json!(format!("{TOKEN_PREFIX}{}", start + size));
    }
    Json(body).into_response()
}

pub(super) fn get_model(shared: &Shared, id: &str) -> Response {
    if shared.has_model(id) {
        Json(entry(id)).into_response()
    } else {
        errors::model_not_found(id, "get")
    }
}
