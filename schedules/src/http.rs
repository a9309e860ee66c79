//! `GET /api/schedules` (every schedule with its next and last firing) and
//! `GET /api/schedules/{name}` (with its recent firings and agent runs), as the protobuf JSON
//! mapping writes `ListSchedulesResponse` and `Schedule` — the same shapes as gRPC.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use proto::v1::ListSchedulesResponse;

use crate::scheduler::Scheduler;
use crate::views::schedule_view;

/// How many recent firings `/api/schedules/{name}` shows.
const RECENT: usize = 50;

pub fn router(scheduler: Arc<Scheduler>) -> Router {
    Router::new()
        .route("/api/schedules", get(list))
        .route("/api/schedules/{name}", get(one))
        .with_state(scheduler)
}

async fn list(State(scheduler): State<Arc<Scheduler>>) -> Response {
    let mut schedules = Vec::new();
    for config in &scheduler.schedules {
        match schedule_view(&scheduler, config, 0).await {
            Ok(view) => schedules.push(view),
            Err(error) => return failed(&error),
        }
    }
    Json(ListSchedulesResponse { schedules }).into_response()
}

async fn one(State(scheduler): State<Arc<Scheduler>>, Path(name): Path<String>) -> Response {
    let Some(config) = scheduler.schedule(&name) else {
        let error = serde_json::json!({ "error": format!("no schedule is named `{name}`") });
        return (StatusCode::NOT_FOUND, Json(error)).into_response();
    };
    match schedule_view(&scheduler, config, RECENT).await {
        Ok(view) => Json(view).into_response(),
        Err(error) => failed(&error),
    }
}

fn failed(error: &crate::store::StoreError) -> Response {
    tracing::error!(%error, "schedule store");
    let body = serde_json::json!({ "error": format!("the schedule store failed: {error}") });
    (StatusCode::INTERNAL_SERVER_ERROR, Json(body)).into_response()
}

#[cfg(test)]
mod tests;
