//! For the handler tests: a fake coordinator (real tonic servers on an ephemeral port), the UI's
//! router wired to it with an in-memory conversation store, and request helpers.

mod cluster_fixture;
mod fake_coordinator;
mod fake_job_service;
mod fake_memory_service;
mod fake_schedule_service;
mod fake_usage_service;
mod requests;
mod schedule_fixture;

pub use cluster_fixture::{operators_cluster, running_job};
pub use fake_coordinator::FakeCoordinator;
pub use fake_memory_service::NOT_CONFIGURED;
pub use requests::{TestApp, body_text};
pub use schedule_fixture::{DEC_4_0700_UTC, REJECTION, operators_schedules};
