//! The vault as a job queue (DESIGN.md "The vault as a job queue"): the operator writes a job
//! note in `Runner/inbox/` of the Obsidian vault; the worker takes it once it has settled,
//! claims it durably in its own ledger (the ledger, not the file's place, is the authority:
//! Syncthing can resurrect a moved note), runs it through the cluster with the claim's id as the
//! idempotency key, writes one result note per job and files the job note in `done/` or
//! `failed/`. Every file the worker writes appears whole (temp file + rename in the same folder).
//!
//! Pure parts: `names` (what is never taken), `job_note` (parsing and validation),
//! `frontmatter_edit`, `settle`, `reconcile` (the decision per inbox note), `result_note`.
//! Effects: `whole_file` (atomic writes and moves), `ledger` (redb), `worker` (the loop).

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod clock;
pub mod config_table;
pub mod frontmatter_edit;
pub mod http;
pub mod job_note;
pub mod layout;
pub mod ledger;
mod metrics;
pub mod names;
pub mod reconcile;
pub mod result_note;
pub mod settle;
pub mod whole_file;
pub mod worker;

pub use worker::agent_jobs::{AgentJob, AgentJobs};
pub use worker::config::{CrashPoint, WorkerConfig};
pub use worker::notice::{Notice, NoticeKind, Notifier};
pub use worker::status::{WorkerState, WorkerStatus};
pub use worker::{VaultWorker, WorkerError};
