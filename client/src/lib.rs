//! What every client of the coordinator shares — the CLI, the web UI, MCP, alerts and every
//! part-two client (the vault worker, the scheduler, agents): one way to connect
//! ([`Coordinator`]), one set of words for the API's enums and one answer to "has this job
//! ended?" ([`words`]), and one way to follow a job's stream that handles a retry restarting
//! its output ([`JobOutput`]).
//!
//! **Architecture Invariant:** `client` knows the public gRPC API only; it never depends on
//! the coordinator's crate, and no server crate depends on it.

// Tests may unwrap: a panic there is a failed test with its location.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

mod connection;
mod job_output;
mod rejection;
pub mod schedules;
pub mod usage;
pub mod words;

pub use connection::{
    ConnectError, Coordinator, MAX_CLUSTER_VIEW_BYTES, innermost_cause, lost_connection_cause,
    normalized_coordinator_url,
};
pub use job_output::{JobOutput, OutputStep};
pub use rejection::{node_reasons, rejected_job_id, rejection_text};
pub use words::is_terminal;
