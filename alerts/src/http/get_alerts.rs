//! `GET /api/alerts?limit=N`: whether alerting is on, the counters, and the newest alerts with
//! their delivery state (pending, sending, delivered, failed), attempts, times and last error.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::AlertsApi;
use crate::counters::AlertCountersSnapshot;
use crate::outbox::{OutboxEntry, on_store};

const DEFAULT_LIMIT: usize = 50;
const LARGEST_LIMIT: usize = 500;

#[derive(Debug, Deserialize)]
pub struct AlertsQuery {
    limit: Option<usize>,
}

#[derive(Debug, Serialize)]
pub struct AlertsPage {
    /// False when `DISCORD_WEBHOOK_URL` is not set.
    pub enabled: bool,
    pub counters: AlertCountersSnapshot,
    /// Newest first.
    pub alerts: Vec<OutboxEntry>,
}

pub async fn handle(State(api): State<AlertsApi>, Query(query): Query<AlertsQuery>) -> Response {
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, LARGEST_LIMIT);
    let counters = api.counters.snapshot();
    let Some(store) = api.store else {
        let page = AlertsPage {
            enabled: false,
            counters,
            alerts: Vec::new(),
        };
        return Json(page).into_response();
    };
    match on_store(&store, move |store| store.recent(limit)).await {
        Ok(alerts) => Json(AlertsPage {
            enabled: true,
            counters,
            alerts,
        })
        .into_response(),
        Err(error) => {
            tracing::error!(%error, "cannot read the alert outbox for /api/alerts");
            let body =
                serde_json::json!({ "error": format!("cannot read the alert outbox: {error}") });
            (StatusCode::INTERNAL_SERVER_ERROR, Json(body)).into_response()
        }
    }
}

#[cfg(test)]
mod tests;
