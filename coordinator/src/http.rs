//! The coordinator's HTTP surface on `http_addr`: `/healthz` and the read-only JSON API
//! (`/api/nodes`, `/api/models`, `/api/jobs`, `/api/jobs/{id}`, `/api/usage`) and
//! `/metrics` (Prometheus). JSON follows the protobuf
//! JSON mapping of the gRPC messages, so both APIs describe jobs and nodes the same way.

mod api_error;
mod core_health;
mod get_job;
mod get_jobs;
mod get_metrics;
mod get_models;
mod get_nodes;
mod get_usage;
mod healthz;
mod router;

#[cfg(test)]
mod tests;

pub use core_health::CoreHealth;
pub use router::{ApiGuard, HttpState, router, serve_http};
