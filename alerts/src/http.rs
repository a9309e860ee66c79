//! The alerts' HTTP routes, mounted by the coordinator beside its own: `/api/alerts`.

mod get_alerts;

use std::sync::Arc;

use axum::Router;
use axum::routing::get;

use crate::counters::AlertCounters;
use crate::outbox::AlertStore;

/// What the handlers read: the outbox (none while alerts are off) and the counters.
#[derive(Clone)]
pub struct AlertsApi {
    pub store: Option<Arc<dyn AlertStore>>,
    pub counters: Arc<AlertCounters>,
}

pub fn router(api: AlertsApi) -> Router {
    Router::new()
        .route("/api/alerts", get(get_alerts::handle))
        .with_state(api)
}
