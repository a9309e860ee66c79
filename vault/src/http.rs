//! `GET /api/vault`: the worker's state as JSON (watched folder, notes settling, drafts, jobs
//! in flight with their stage, what finished since start-up, the last error).

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};

use crate::worker::status::{WorkerState, WorkerStatus};

pub fn router(status: WorkerStatus) -> Router {
    Router::new()
        .route("/api/vault", get(vault_state))
        .with_state(status)
}

async fn vault_state(State(status): State<WorkerStatus>) -> Json<WorkerState> {
    Json(status.snapshot())
}
