//! The UI's routes, one handler per file, behind the access guard (token and cross-site
//! checks). Forms work without JavaScript (303 back to a page); htmx posts get 204 and the
//! live streams show the change.

mod get_asset;
mod get_chat;
mod get_cluster_events;
mod get_conversation;
mod get_dashboard;
mod get_job;
mod get_job_events;
mod get_jobs;
mod get_schedule;
mod get_schedules;
mod get_usage;
mod post_cancel_job;
mod post_chat;
mod post_job;
mod post_node_draining;
mod post_schedule_paused;
mod post_schedule_run;

#[cfg(test)]
mod access_tests;

use axum::Router;
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use proto::v1::Schedule;
use settings::Secret;

use crate::access::{AccessPolicy, guard_access};
use crate::app_state::AppState;
use crate::views::schedule_actions::schedule_path;
use crate::views::schedule_row::schedule_row;

pub fn router(state: AppState, access_token: Option<Secret>) -> Router {
    Router::new()
        .route("/", get(get_dashboard::get_dashboard))
        .route(
            "/events/cluster",
            get(get_cluster_events::get_cluster_events),
        )
        .route(
            "/nodes/{node}/draining",
            post(post_node_draining::post_node_draining),
        )
        .route("/chat", get(get_chat::get_chat).post(post_chat::post_chat))
        .route("/chat/{id}", get(get_conversation::get_conversation))
        .route("/jobs", get(get_jobs::get_jobs).post(post_job::post_job))
        .route("/jobs/{id}", get(get_job::get_job))
        .route("/jobs/{id}/events", get(get_job_events::get_job_events))
        .route("/jobs/{id}/cancel", post(post_cancel_job::post_cancel_job))
        .route("/usage", get(get_usage::get_usage))
        .route("/schedules", get(get_schedules::get_schedules))
        .route("/schedules/{name}", get(get_schedule::get_schedule))
        .route(
            "/schedules/{name}/run",
            post(post_schedule_run::post_schedule_run),
        )
        .route(
            "/schedules/{name}/paused",
            post(post_schedule_paused::post_schedule_paused),
        )
        .route("/assets/{name}", get(get_asset::get_asset))
        .with_state(state)
        .layer(from_fn_with_state(
            AccessPolicy {
                token: access_token,
            },
            guard_access,
        ))
}

/// The answer to a form post: htmx (which asked for no swap) gets 204, a plain form a 303 to
/// the page that shows the result.
pub fn after_post(headers: &HeaderMap, location: &str) -> Response {
    if headers.contains_key("hx-request") {
        StatusCode::NO_CONTENT.into_response()
    } else {
        Redirect::to(location).into_response()
    }
}

/// The answer to a schedule's button: htmx gets the schedule's fresh table row to swap in, a
/// plain form a 303 to the schedule's page.
pub fn row_or_redirect(headers: &HeaderMap, schedule: &Schedule, now_ms: i64) -> Response {
    if headers.contains_key("hx-request") {
        schedule_row(schedule, now_ms).into_response()
    } else {
        Redirect::to(&schedule_path(&schedule.name)).into_response()
    }
}

/// Percent-encodes a query-string value (everything but RFC 3986's unreserved characters).
pub fn query_value(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests;
